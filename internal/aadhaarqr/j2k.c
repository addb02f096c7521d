// A minimal in-memory JPEG2000 decoder over libopenjp2 (Debian libopenjp2-7-dev):
// read from a byte buffer, refuse images larger than a pixel cap before any
// pixel buffer is allocated, return 8-bit interleaved samples.
#include <stdlib.h>
#include <string.h>
#include <openjpeg.h>
#include "j2k.h"

typedef struct {
	const unsigned char *data;
	OPJ_SIZE_T size, pos;
} memsrc;

static OPJ_SIZE_T mem_read(void *buf, OPJ_SIZE_T n, void *user) {
	memsrc *m = (memsrc *)user;
	if (m->pos >= m->size) return (OPJ_SIZE_T)-1;
	if (n > m->size - m->pos) n = m->size - m->pos;
	memcpy(buf, m->data + m->pos, n);
	m->pos += n;
	return n;
}

static OPJ_OFF_T mem_skip(OPJ_OFF_T n, void *user) {
	memsrc *m = (memsrc *)user;
	if (n < 0) {
		if ((OPJ_SIZE_T)(-n) > m->pos) n = -(OPJ_OFF_T)m->pos;
	} else if ((OPJ_SIZE_T)n > m->size - m->pos) {
		n = (OPJ_OFF_T)(m->size - m->pos);
	}
	m->pos += n;
	return n;
}

static OPJ_BOOL mem_seek(OPJ_OFF_T n, void *user) {
	memsrc *m = (memsrc *)user;
	if (n < 0 || (OPJ_SIZE_T)n > m->size) return OPJ_FALSE;
	m->pos = (OPJ_SIZE_T)n;
	return OPJ_TRUE;
}

static void quiet(const char *msg, void *user) { (void)msg; (void)user; }

int kyc_j2k_decode(const unsigned char *data, size_t size, int jp2, long max_pixels, int max_comps,
                   int *w, int *h, int *nc, unsigned char **out) {
	int rc = KYC_J2K_CORRUPT;
	memsrc src = {data, size, 0};
	opj_image_t *img = NULL;
	opj_codec_t *codec = opj_create_decompress(jp2 ? OPJ_CODEC_JP2 : OPJ_CODEC_J2K);
	opj_stream_t *st = opj_stream_create(4096, OPJ_TRUE);
	opj_dparameters_t params;
	*out = NULL;
	if (!codec || !st) goto done;
	opj_set_error_handler(codec, quiet, NULL);
	opj_set_warning_handler(codec, quiet, NULL);
	opj_set_info_handler(codec, quiet, NULL);
	opj_stream_set_user_data(st, &src, NULL);
	opj_stream_set_user_data_length(st, size);
	opj_stream_set_read_function(st, mem_read);
	opj_stream_set_skip_function(st, mem_skip);
	opj_stream_set_seek_function(st, mem_seek);
	opj_set_default_decoder_parameters(&params);
	if (!opj_setup_decoder(codec, &params)) goto done;
	if (!opj_read_header(st, codec, &img) || !img) goto done;
	{
		long iw = (long)img->x1 - (long)img->x0, ih = (long)img->y1 - (long)img->y0;
		if (iw <= 0 || ih <= 0 || img->numcomps < 1) goto done;
		if (iw > max_pixels || ih > max_pixels || iw * ih > max_pixels || (int)img->numcomps > max_comps) {
			rc = KYC_J2K_TOO_LARGE;
			goto done;
		}
	}
	if (!opj_decode(codec, st, img) || !opj_end_decompress(codec, st)) goto done;
	{
		int cw = (int)img->comps[0].w, ch = (int)img->comps[0].h, n = (int)img->numcomps, c, i;
		if (cw <= 0 || ch <= 0 || (long)cw * ch > max_pixels) goto done;
		if (n == 2) n = 1; /* gray + alpha: keep gray */
		if (n > 3) n = 3;  /* RGBA: drop alpha */
		for (c = 0; c < n; c++) {
			if (!img->comps[c].data || img->comps[c].prec < 1 || img->comps[c].prec > 16) goto done;
			if (img->comps[c].w < 1 || img->comps[c].h < 1) goto done; /* an empty plane has no sample to read */
		}
		*out = malloc((size_t)cw * ch * n);
		if (!*out) goto done;
		for (c = 0; c < n; c++) {
			opj_image_comp_t *cp = &img->comps[c];
			int shift = (int)cp->prec - 8, sw = (int)cp->w, sh = (int)cp->h;
			int off = cp->sgnd ? 1 << (cp->prec - 1) : 0;
			for (i = 0; i < cw * ch; i++) {
				/* components may be subsampled: nearest sample */
				int x = i % cw, y = i / cw, sx = x * sw / cw, sy = y * sh / ch;
				int v = cp->data[sy * sw + sx] + off;
				v = shift > 0 ? v >> shift : v << -shift;
				(*out)[i * n + c] = (unsigned char)(v < 0 ? 0 : v > 255 ? 255 : v);
			}
		}
		*w = cw; *h = ch; *nc = n;
		rc = KYC_J2K_OK;
	}
done:
	if (img) opj_image_destroy(img);
	if (st) opj_stream_destroy(st);
	if (codec) opj_destroy_codec(codec);
	if (rc != KYC_J2K_OK && *out) { free(*out); *out = NULL; }
	return rc;
}
