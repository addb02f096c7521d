package cardkit

import (
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/disintegration/imaging"
)

// SetOptions configures WriteSet.
type SetOptions struct {
	N        int       // number of people (each gets all Docs); default 10
	Seed     int64     // fixed seed: the same options write the same set
	Variants []Variant // default: clean only
	Docs     []Doc     // default: all three sides
	FacesDir string    // optional: .jpg/.png photos used in turn on Aadhaar fronts
	Format   string    // "jpg" (default) or "png"
	Quality  int       // JPEG quality, default 92
	Workers  int       // parallel renderers, default runtime.NumCPU()
}

// Record is the ground truth of one person's cards.
type Record struct {
	ID        string    `json:"id"`
	Person    Person    `json:"person"`
	PANLayout PANLayout `json:"pan_layout"`
	// AadhaarLayout and the typefaces: see Sample.
	AadhaarLayout AadhaarLayout              `json:"aadhaar_layout"`
	PANFace       Typeface                   `json:"pan_face"`
	AadhaarFace   Typeface                   `json:"aadhaar_face"`
	Face          string                     `json:"face,omitempty"` // photo file used on the Aadhaar front
	Expected      Expected                   `json:"expected"`
	Files         map[Doc]map[Variant]string `json:"files"` // file names relative to the set directory
}

// Expected holds the values in the forms the platform returns, so consumers
// compare without re-deriving them.
type Expected struct {
	DOBISO        string `json:"dob_iso"`
	AadhaarMasked string `json:"aadhaar_masked"`
	AadhaarLast4  string `json:"aadhaar_last4"`
	AadhaarDOB    string `json:"aadhaar_dob"` // as printed on the front: date or year
}

// Truth is the file truth.json written next to the images.
type Truth struct {
	Seed     int64     `json:"seed"`
	Variants []Variant `json:"variants"`
	Docs     []Doc     `json:"docs"`
	Cards    []Record  `json:"cards"`
}

// TruthFile is the name of the ground-truth file in a set directory.
const TruthFile = "truth.json"

// WriteSet renders opts.N people's cards in every requested variant into dir
// and writes truth.json.
func WriteSet(dir string, opts SetOptions) error {
	opts = opts.withDefaults()
	if err := CheckFonts(); err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cardkit: create set dir: %w", err)
	}
	faceNames, faces, err := LoadFaces(opts.FacesDir)
	if err != nil {
		return err
	}
	truth := Truth{Seed: opts.Seed, Variants: opts.Variants, Docs: opts.Docs, Cards: make([]Record, opts.N)}
	jobs := make(chan int)
	errs := make([]error, opts.N)
	var wg sync.WaitGroup
	for range opts.Workers {
		wg.Go(func() {
			for i := range jobs {
				var face image.Image
				var faceName string
				if len(faces) > 0 {
					face, faceName = faces[i%len(faces)], faceNames[i%len(faces)]
				}
				truth.Cards[i], errs[i] = writeCard(dir, opts, i, face, faceName)
			}
		})
	}
	for i := range opts.N {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		return err
	}
	data, err := json.MarshalIndent(truth, "", "  ")
	if err != nil {
		return fmt.Errorf("cardkit: encode truth: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, TruthFile), append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("cardkit: write truth: %w", err)
	}
	return nil
}

func writeCard(dir string, opts SetOptions, i int, face image.Image, faceName string) (Record, error) {
	s := NewSample(opts.Seed, i)
	rec := Record{
		ID: fmt.Sprintf("%04d", i), Person: s.Person, PANLayout: s.PANLayout, Face: faceName,
		AadhaarLayout: s.AadhaarLayout, PANFace: s.PANFace, AadhaarFace: s.AadhaarFace,
		Expected: Expected{
			DOBISO: s.Person.DOBISO(), AadhaarMasked: s.Person.AadhaarMasked(),
			AadhaarLast4: s.Person.AadhaarLast4(), AadhaarDOB: s.Person.AadhaarDOBText(),
		},
		Files: map[Doc]map[Variant]string{},
	}
	for _, doc := range opts.Docs {
		rec.Files[doc] = map[Variant]string{}
		for _, v := range opts.Variants {
			name := fmt.Sprintf("%s_%s_%s.%s", rec.ID, doc, v, opts.Format)
			if err := WriteImage(filepath.Join(dir, name), s.RenderVariant(doc, v, face), opts.Quality); err != nil {
				return rec, fmt.Errorf("card %s: %w", rec.ID, err)
			}
			rec.Files[doc][v] = name
		}
	}
	return rec, nil
}

// ReadTruth loads truth.json from a set directory.
func ReadTruth(dir string) (Truth, error) {
	var t Truth
	data, err := os.ReadFile(filepath.Join(dir, TruthFile))
	if err != nil {
		return t, fmt.Errorf("cardkit: read truth: %w", err)
	}
	if err := json.Unmarshal(data, &t); err != nil {
		return t, fmt.Errorf("cardkit: decode truth: %w", err)
	}
	return t, nil
}

// LoadFaces decodes every .jpg/.jpeg/.png in dir, sorted by name; an empty dir
// argument means no faces (silhouettes are drawn).
func LoadFaces(dir string) (names []string, faces []image.Image, err error) {
	if dir == "" {
		return nil, nil, nil
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, nil, fmt.Errorf("cardkit: read faces dir: %w", err)
	}
	for _, e := range entries {
		ext := strings.ToLower(filepath.Ext(e.Name()))
		if e.IsDir() || !slices.Contains([]string{".jpg", ".jpeg", ".png"}, ext) {
			continue
		}
		img, err := imaging.Open(filepath.Join(dir, e.Name()), imaging.AutoOrientation(true))
		if err != nil {
			return nil, nil, fmt.Errorf("cardkit: decode face %s: %w", e.Name(), err)
		}
		names, faces = append(names, e.Name()), append(faces, img)
	}
	return names, faces, nil
}

func (o SetOptions) withDefaults() SetOptions {
	if o.N <= 0 {
		o.N = 10
	}
	if len(o.Variants) == 0 {
		o.Variants = []Variant{Clean}
	}
	if len(o.Docs) == 0 {
		o.Docs = Docs
	}
	o.Format = strings.TrimPrefix(strings.ToLower(o.Format), ".")
	if o.Format == "" || o.Format == "jpeg" {
		o.Format = "jpg"
	}
	if o.Quality <= 0 {
		o.Quality = 92
	}
	if o.Workers <= 0 {
		o.Workers = runtime.NumCPU()
	}
	return o
}
