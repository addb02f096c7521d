package blob

import (
	"context"
	"errors"
	"fmt"

	"github.com/enxtai/kyc/internal/blob/envelope"
)

// Store kinds.
const (
	KindS3 = "s3"
	KindFS = "fs"
)

// Config is everything the document storage needs; the server binds it from the environment (KYC_BLOB_*,
// KYC_S3_*). MasterKeys and S3.SecretKey are secrets: String hides them.
type Config struct {
	Kind       string // KindS3 or KindFS
	S3         S3Config
	FSDir      string // KindFS: directory holding the objects
	SpoolDir   string // where uploads are sealed before the put ("" = OS temp dir); ciphertext only
	MasterKeys string // "id:base64key[,id:base64key...]", first one active (see envelope.ParseKeyring)
}

// DefaultConfig points at the dev S3 server of `make s3-up` (credentials must still be set).
func DefaultConfig() Config {
	return Config{
		Kind: KindS3,
		S3: S3Config{Endpoint: "127.0.0.1:9000", Bucket: "kyc-documents", Region: "us-east-1",
			MaxRetries: 2},
		FSDir: "data/blobs",
	}
}

// Validate checks the configuration without connecting.
func (c Config) Validate() error {
	var errs []error
	switch c.Kind {
	case KindS3:
		if c.S3.Endpoint == "" || c.S3.Bucket == "" || c.S3.AccessKey == "" || c.S3.SecretKey == "" {
			errs = append(errs, errors.New("blob: S3 needs endpoint, bucket, access key and secret key"))
		}
	case KindFS:
		if c.FSDir == "" {
			errs = append(errs, errors.New("blob: filesystem store needs a directory"))
		}
	default:
		errs = append(errs, fmt.Errorf("blob: store kind %q: want %q or %q", c.Kind, KindS3, KindFS))
	}
	if _, err := envelope.ParseKeyring(c.MasterKeys); err != nil {
		errs = append(errs, err)
	}
	return errors.Join(errs...)
}

// String hides the secrets.
func (c Config) String() string {
	return fmt.Sprintf("blob.Config{Kind:%s S3:%v FSDir:%s SpoolDir:%s MasterKeys:<%d chars hidden>}",
		c.Kind, c.S3, c.FSDir, c.SpoolDir, len(c.MasterKeys))
}

// Open builds the store (creating the bucket or directory) and the vault on top of it.
func Open(ctx context.Context, c Config) (*Vault, error) {
	if err := c.Validate(); err != nil {
		return nil, err
	}
	keys, err := envelope.ParseKeyring(c.MasterKeys)
	if err != nil {
		return nil, err
	}
	var store Store
	switch c.Kind {
	case KindS3:
		store, err = NewS3Store(ctx, c.S3)
	case KindFS:
		store, err = NewFSStore(c.FSDir)
	}
	if err != nil {
		return nil, err
	}
	return NewVault(store, keys, c.SpoolDir)
}
