package gateway

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/protobuf/encoding/protojson"
)

// jsonMarshaler is the gateway's JSON codec: zero values such as "progress": 0 are shown, unset messages and
// optional fields are not (except in the few messages that promise null: nulls.go), unknown fields are refused,
// and decoding errors say "Invalid JSON body".
type jsonMarshaler struct{ runtime.JSONPb }

func newJSONMarshaler() *jsonMarshaler {
	return &jsonMarshaler{runtime.JSONPb{
		MarshalOptions:   protojson.MarshalOptions{EmitDefaultValues: true},
		UnmarshalOptions: protojson.UnmarshalOptions{DiscardUnknown: false},
	}}
}

// Marshal is JSONPb's, with null for the unset optional fields of the messages listed in nullWhenUnset.
func (m *jsonMarshaler) Marshal(v any) ([]byte, error) {
	out, err := m.JSONPb.Marshal(v)
	if err != nil {
		return nil, err
	}
	return withNulls(m.MarshalOptions, out, v)
}

func (m *jsonMarshaler) NewDecoder(r io.Reader) runtime.Decoder {
	inner := m.JSONPb.NewDecoder(r)
	return runtime.DecoderFunc(func(v any) error {
		err := inner.Decode(v)
		if err == nil || errors.Is(err, io.EOF) {
			return err
		}
		return fmt.Errorf("Invalid JSON body: %s", jsonProblem(err))
	})
}

// jsonProblem words a decoding error without library prefixes.
func jsonProblem(err error) string {
	msg := strings.TrimSpace(strings.TrimPrefix(err.Error(), "proto:"))
	if errors.Is(err, io.ErrUnexpectedEOF) || strings.Contains(msg, "unexpected EOF") {
		return "unexpected end of input"
	}
	return msg
}
