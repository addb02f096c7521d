package cardkit

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"
)

// NewCommand returns the `cards` command (wired as `kyc-testkit cards`, cmd/kyc-testkit):
// it writes a synthetic card set and its truth.json.
func NewCommand() *cobra.Command {
	var (
		opts     SetOptions
		out      string
		variants string
		docs     string
	)
	cmd := &cobra.Command{
		Use:   "cards",
		Short: "Render synthetic PAN and Aadhaar cards with a JSON ground truth",
		Long: "Renders N synthetic people's PAN card, Aadhaar front and Aadhaar back in the chosen\n" +
			"variants (" + variantNames() + "), and writes truth.json with every printed value.\n" +
			"All numbers are synthetic; the same seed writes the same set.",
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			vs, err := parseList(variants, ParseVariant)
			if err != nil {
				return err
			}
			ds, err := parseList(docs, parseDoc)
			if err != nil {
				return err
			}
			if strings.TrimSpace(variants) == "all" {
				vs = Variants
			}
			opts.Variants, opts.Docs = vs, ds
			if err := WriteSet(out, opts); err != nil {
				return err
			}
			n := opts.withDefaults()
			fmt.Fprintf(cmd.OutOrStdout(), "wrote %d people x %d sides x %d variants to %s (%s)\n",
				n.N, len(n.Docs), len(n.Variants), out, TruthFile)
			return nil
		},
	}
	f := cmd.Flags()
	f.StringVar(&out, "out", "cards", "output directory")
	f.IntVar(&opts.N, "n", 10, "number of people")
	f.Int64Var(&opts.Seed, "seed", 1, "random seed")
	f.StringVar(&variants, "variants", "clean", "comma-separated variants, or 'all'")
	f.StringVar(&docs, "docs", "all", "comma-separated sides (pan,aadhaar_front,aadhaar_back), or 'all'")
	f.StringVar(&opts.FacesDir, "faces", "", "directory of face photos for Aadhaar fronts (default: silhouettes)")
	f.StringVar(&opts.Format, "format", "jpg", "image format: jpg or png")
	f.IntVar(&opts.Quality, "quality", 92, "JPEG quality")
	return cmd
}

func parseDoc(s string) (Doc, error) {
	for _, d := range Docs {
		if string(d) == s {
			return d, nil
		}
	}
	return "", fmt.Errorf("cardkit: unknown doc %q (known: %v)", s, Docs)
}

// parseList parses a comma-separated flag; "all" or empty means nil (the default set).
func parseList[T any](s string, parse func(string) (T, error)) ([]T, error) {
	s = strings.TrimSpace(s)
	if s == "" || s == "all" {
		return nil, nil
	}
	var out []T
	for _, part := range strings.Split(s, ",") {
		v, err := parse(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func variantNames() string {
	names := make([]string, len(Variants))
	for i, v := range Variants {
		names[i] = string(v)
	}
	return strings.Join(names, ", ")
}
