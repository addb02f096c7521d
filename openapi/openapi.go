// Package openapi embeds the API description generated from proto/ (kyc.swagger.json, by protoc-gen-openapiv2
// with allow_merge) and the hand-written fragments for what annotations cannot express (the multipart upload
// routes), and serves them merged as one Swagger 2.0 document.
package openapi

import (
	"embed"
	"encoding/json"
	"fmt"
	"io/fs"
	"sort"
)

//go:embed *.json
var files embed.FS

// Spec returns the merged document: the generated spec plus every fragment's paths and definitions.
func Spec() ([]byte, error) {
	base, err := load("kyc.swagger.json")
	if err != nil {
		return nil, err
	}
	names, err := fs.Glob(files, "*.fragment.json")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	for _, name := range names {
		frag, err := load(name)
		if err != nil {
			return nil, err
		}
		for _, section := range []string{"paths", "definitions"} {
			dst, _ := base[section].(map[string]any)
			if dst == nil {
				dst = map[string]any{}
				base[section] = dst
			}
			src, _ := frag[section].(map[string]any)
			for k, v := range src {
				if _, dup := dst[k]; dup {
					return nil, fmt.Errorf("openapi: %s defines %s %q again", name, section, k)
				}
				dst[k] = v
			}
		}
	}
	return json.MarshalIndent(base, "", "  ")
}

func load(name string) (map[string]any, error) {
	b, err := files.ReadFile(name)
	if err != nil {
		return nil, err
	}
	var doc map[string]any
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("openapi: %s: %w", name, err)
	}
	return doc, nil
}
