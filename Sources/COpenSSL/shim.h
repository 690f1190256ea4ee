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

/// SSL_CTX_set_min_proto_version (a macro over SSL_CTX_ctrl).
static inline long COpenSSL_SSL_CTX_set_min_proto_version(SSL_CTX *c, int v)
    { return SSL_CTX_set_min_proto_version(c, v); }

/// SSL_set_tlsext_host_name (a macro over SSL_ctrl): the SNI name sent in the ClientHello.
static inline long COpenSSL_SSL_set_tlsext_host_name(SSL *s, const char *n) { return SSL_set_tlsext_host_name(s, n); }

/// ERR_GET_LIB: the library part of a packed OpenSSL error code.
static inline int COpenSSL_ERR_GET_LIB(unsigned long code) { return ERR_GET_LIB(code); }

/// ERR_GET_REASON: the reason part of a packed OpenSSL error code.
static inline int COpenSSL_ERR_GET_REASON(unsigned long code) { return ERR_GET_REASON(code); }

/// XN_FLAG_RFC2253: print distinguished names as RFC 2253 strings ("CN=mail.example.org,O=Example").
static inline unsigned long COpenSSL_XN_FLAG_RFC2253(void) { return XN_FLAG_RFC2253; }

#endif
