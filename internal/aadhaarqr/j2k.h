#include <stddef.h>
enum { KYC_J2K_OK = 0, KYC_J2K_CORRUPT = 1, KYC_J2K_TOO_LARGE = 2 };
int kyc_j2k_decode(const unsigned char *data, size_t size, int jp2, long max_pixels, int max_comps,
                   int *w, int *h, int *nc, unsigned char **out);
