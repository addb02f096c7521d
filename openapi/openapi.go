// Package openapi embeds the API description generated from proto/ (kyc.swagger.json, by protoc-gen-openapiv2
// with allow_merge) and merges into it the fragments for what annotations cannot express (the multipart upload
// routes, described by the gateway that serves them), giving one Swagger 2.0 document.
package openapi

import (
	"embed"
	"encoding/json"
	"fmt"
)

//go:embed kyc.swagger.json
var files embed.FS

// Fragment is a piece of a Swagger 2.0 document: "paths" and "definitions".
type Fragment map[string]any

// Spec returns the merged document: the generated spec plus every fragment's paths and definitions.
func Spec(fragments ...Fragment) ([]byte, error) {
	base, err := load("kyc.swagger.json")
	if err != nil {
		return nil, err
	}
	for i, frag := range fragments {
		name := fmt.Sprintf("fragment %d", i)
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
