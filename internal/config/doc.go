// Package config owns every setting of the server: its environment variable, default and validation, in one
// struct. The README's configuration table mirrors it (a test keeps them in step). Nothing else reads the
// environment.
package config
