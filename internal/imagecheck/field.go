package imagecheck

// fieldBuf collects a small fixed-size field that may arrive split across writes.
type fieldBuf struct {
	buf [32]byte
	n   int
}

// fill appends from p until n bytes are collected. It returns the complete field (valid until the next fill)
// or nil, and the unconsumed rest of p.
func (f *fieldBuf) fill(p []byte, n int) (field, rest []byte) {
	k := copy(f.buf[f.n:n], p)
	f.n += k
	if f.n < n {
		return nil, p[k:]
	}
	f.n = 0
	return f.buf[:n], p[k:]
}
