#ifndef CEAC_SHIM_H
#define CEAC_SHIM_H

// OpenPACE (Debian libeac-dev, pkg-config libeac): PACE and secure messaging after BSI TR-03110.
// Only CardReader imports this.
#include <eac/eac.h>
#include <eac/pace.h>
#include <openssl/buffer.h>
#include <openssl/crypto.h>
#include <string.h>

// The context ids are macros.
static inline int CEAC_id_pace(void) { return EAC_ID_PACE; }

// A BUF_MEM holding a copy of `length` bytes; NULL when out of memory.
static inline BUF_MEM *CEAC_buf_new(const unsigned char *bytes, size_t length) {
    BUF_MEM *buffer = BUF_MEM_new();
    if (buffer == NULL) return NULL;
    if (length > 0 && !BUF_MEM_grow(buffer, length)) { BUF_MEM_free(buffer); return NULL; }
    if (length > 0) memcpy(buffer->data, bytes, length);
    buffer->length = length;
    return buffer;
}

// Frees a BUF_MEM after overwriting its bytes (it may hold keys or a nonce).
static inline void CEAC_buf_clear_free(BUF_MEM *buffer) {
    if (buffer == NULL) return;
    if (buffer->data != NULL) OPENSSL_cleanse(buffer->data, buffer->max);
    BUF_MEM_free(buffer);
}

#endif
