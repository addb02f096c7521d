package kyc

import (
	"context"
	"strings"
	"time"
)

// ObjectPrefix starts every document object's key (objectKey): the sweep looks at these objects only, so a
// bucket shared with anything else keeps the rest.
const ObjectPrefix = "kyc-"

// sweepBatch is how many listed objects are checked against the database at once.
const sweepBatch = 500

// SweepOrphans deletes stored document objects no document row refers to: left when recording an upload failed
// and so did deleting its object (storage unreachable at that moment), or when a process died between storing
// an object and recording it. Only objects written before `before` are considered, since a younger one may
// belong to an upload about to record it, and only those of this database's clients (the key names the
// client): in a bucket shared with another deployment, its objects are not ours to judge. It returns how many
// objects it deleted.
func (s *Service) SweepOrphans(ctx context.Context, before time.Time) (int, error) {
	if s.uploads == nil {
		return 0, nil
	}
	clients, err := s.store.ClientKeyPrefixes(ctx)
	if err != nil {
		return 0, err
	}
	objects := s.uploads.Vault.Store()
	deleted := 0
	var batch []string
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		refs, err := s.store.ReferencedObjects(ctx, batch)
		if err != nil {
			return err
		}
		for _, k := range batch {
			if refs[k] {
				continue
			}
			if err := objects.Delete(ctx, k); err != nil {
				return err
			}
			deleted++
		}
		batch = batch[:0]
		return nil
	}
	for obj, err := range objects.List(ctx, ObjectPrefix) {
		if err != nil {
			return deleted, err
		}
		client, _, _ := strings.Cut(strings.TrimPrefix(obj.Key, ObjectPrefix), "/")
		if !obj.ModTime.Before(before) || !clients[client] {
			continue
		}
		if batch = append(batch, obj.Key); len(batch) == sweepBatch {
			if err := flush(); err != nil {
				return deleted, err
			}
		}
	}
	return deleted, flush()
}
