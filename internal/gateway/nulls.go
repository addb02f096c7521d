package gateway

import (
	"bytes"
	"encoding/json"
	"strings"

	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"

	kycv1 "github.com/enxtai/kyc/gen/kyc/v1"
)

// nullWhenUnset are the messages whose unset optional fields REST shows as null instead of leaving them out:
// the API promises true, false or null there (extractedData.aadhaarQr.phoneVerified and emailVerified: null
// when unknown), as the webhook's stored JSON has it. gRPC tells the same three states by field presence.
// Everywhere else an unset optional field stays left out, as the guide's examples show it.
var nullWhenUnset = map[protoreflect.FullName]bool{
	(&kycv1.AadhaarQr{}).ProtoReflect().Descriptor().FullName(): true,
}

// withNulls rewrites, in out (the response as opts marshalled it), each listed message that has an unset
// optional field into the same object with that field as null. protojson cannot do it (EmitUnpopulated leaves
// proto3 optional fields out too, being in synthetic oneofs), so each such message is marshalled alone and its
// bytes replaced by the same keys, in field order, plus the nulls; the rest of the response is untouched. The
// replacement is exact: a listed message's JSON is an object whose keys are in field order, which neither a
// string value (its quotes are escaped) nor a google.protobuf.Struct (sorted keys) can reproduce, and equal
// messages give equal bytes.
func withNulls(opts protojson.MarshalOptions, out []byte, v any) ([]byte, error) {
	m, ok := v.(proto.Message)
	if !ok {
		return out, nil
	}
	var subs []protoreflect.Message
	collectNullable(m.ProtoReflect(), &subs)
	for _, sub := range subs {
		plain, err := opts.Marshal(sub.Interface())
		if err != nil {
			return nil, err
		}
		full, err := nullFields(opts, sub, plain)
		if err != nil {
			return nil, err
		}
		out = bytes.ReplaceAll(out, plain, full)
	}
	return out, nil
}

// nullFields is m's JSON object plain, compacted, with "name":null for each unset optional field, keys in field
// order as protojson writes them.
func nullFields(opts protojson.MarshalOptions, m protoreflect.Message, plain []byte) ([]byte, error) {
	var vals map[string]json.RawMessage
	if err := json.Unmarshal(plain, &vals); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	b.WriteByte('{')
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		f := fields.Get(i)
		key := f.JSONName()
		if opts.UseProtoNames {
			key = string(f.Name())
		}
		val, ok := vals[key]
		switch {
		case !ok && f.HasOptionalKeyword() && !m.Has(f):
			val = json.RawMessage("null")
		case !ok:
			continue
		}
		if b.Len() > 1 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(key)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteByte(':')
		b.Write(val)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// collectNullable finds the listed messages with an unset optional field under m; it does not descend into
// the well-known types (google.protobuf.*), which never hold one of ours.
func collectNullable(m protoreflect.Message, found *[]protoreflect.Message) {
	d := m.Descriptor()
	if nullWhenUnset[d.FullName()] && hasUnsetOptional(m) {
		*found = append(*found, m)
	}
	m.Range(func(f protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		holds := f.Message() // a map field's Message is its entry; the values are what matter
		if f.IsMap() {
			holds = f.MapValue().Message()
		}
		if holds == nil || strings.HasPrefix(string(holds.FullName()), "google.protobuf.") {
			return true
		}
		switch {
		case f.IsList():
			for i := 0; i < v.List().Len(); i++ {
				collectNullable(v.List().Get(i).Message(), found)
			}
		case f.IsMap():
			v.Map().Range(func(_ protoreflect.MapKey, e protoreflect.Value) bool {
				collectNullable(e.Message(), found)
				return true
			})
		default:
			collectNullable(v.Message(), found)
		}
		return true
	})
}

func hasUnsetOptional(m protoreflect.Message) bool {
	fields := m.Descriptor().Fields()
	for i := 0; i < fields.Len(); i++ {
		if f := fields.Get(i); f.HasOptionalKeyword() && !m.Has(f) {
			return true
		}
	}
	return false
}
