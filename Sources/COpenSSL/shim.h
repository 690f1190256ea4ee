// The OpenSSL headers EdmCrypto uses, plus one-line shims for macros Swift cannot import.
#ifndef EDM_COPENSSL_SHIM_H
#define EDM_COPENSSL_SHIM_H

#include <openssl/opensslv.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>
#include <openssl/rand.h>
#include <openssl/ssl.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>

/// OPENSSL_VERSION_TEXT of the headers edm was built against.
static inline const char *COpenSSL_OPENSSL_VERSION_TEXT(void) { return OPENSSL_VERSION_TEXT; }

#endif
