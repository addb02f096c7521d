package config

import (
	"fmt"
	"reflect"
	"strings"
)

// Setting is one environment variable of the server.
type Setting struct {
	Env, Default, Doc string
	Secret            bool
}

// Settings lists every setting in declaration order, from the struct tags: the README's table is made from it
// (`kyc-server config`), and a test checks the README lists each one.
func Settings() []Setting {
	var out []Setting
	t := reflect.TypeOf(Config{})
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		env := f.Tag.Get("env")
		if env == "" {
			continue
		}
		out = append(out, Setting{Env: env, Default: f.Tag.Get("envDefault"), Doc: f.Tag.Get("doc"), Secret: f.Tag.Get("secret") == "true"})
	}
	return out
}

// Markdown renders the settings as a table.
func Markdown() string {
	var b strings.Builder
	b.WriteString("| Variable | Default | Meaning |\n|---|---|---|\n")
	for _, s := range Settings() {
		def := "`" + s.Default + "`"
		if s.Default == "" {
			def = "(none)"
		}
		doc := s.Doc
		if s.Secret {
			doc += " (secret: never logged)"
		}
		fmt.Fprintf(&b, "| `%s` | %s | %s |\n", s.Env, def, strings.ReplaceAll(doc, "|", "\\|"))
	}
	return b.String()
}
