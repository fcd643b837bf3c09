/*
 * nofuture.h - the C ABI of NoFuture.Memory and NoFuture.Crypto's KEMs, HPKE, Argon2id, X25519 and signatures
 * (libnofuture.so, SONAME libnofuture.so.0). C99.
 *
 * Build:  dotnet publish src/NoFuture.Native -c Release -r linux-x64 -o out
 * Link:   cc app.c -Iinclude -Lout -lnofuture -Wl,-rpath,'$ORIGIN'   (out/libnofuture.so; ship it as libnofuture.so.0)
 *
 * Conventions (docs/native.md has the details):
 *  - Every function except nf_strerror returns an int status: NF_OK (0) or a negative NF_E_* code.
 *  - No function aborts on a bad argument: NULL pointers, bad sizes, and stale, freed, forged or wrongly typed
 *    handles give a status code. (Writing past the pointer a callback receives is not a bad argument: it is a
 *    memory error, and in the guarded tier it faults.)
 *  - Outputs are written only on NF_OK, except where a function says otherwise (nf_secret_read's *written).
 *    No function writes past the length the caller gives.
 *  - Handles (nf_handle) are opaque 64-bit values, never pointers. 0 is never a valid handle; the *_free
 *    functions accept 0 and return NF_OK. A handle is valid from the call that returned it until its *_free.
 *  - Thread safety: every function may be called from any number of threads at once, on the same or different
 *    handles. A handle freed on one thread while another thread uses it gives the user NF_OK (the use finished
 *    first) or NF_E_BAD_HANDLE, never a crash; a secret's bytes are wiped only after the last concurrent use ends.
 *    Concurrent writes to the same secret are not ordered against each other (as with any shared memory).
 *  - Callbacks must return normally (no longjmp out of them) and must not assume which thread calls them.
 *  - Secrets are never on a garbage-collected heap: they live in locked, dont-dump, guard-paged memory.
 */
#ifndef NOFUTURE_H
#define NOFUTURE_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* 0x00MMmmpp: compare with nf_version() at run time. */
#define NF_VERSION 0x00000300u

typedef uint64_t nf_handle;

/* ---- Status codes (stable: a shipped code keeps its number and meaning) ---- */
#define NF_OK                0
#define NF_E_NULL           -1  /* a required pointer argument is NULL */
#define NF_E_INVALID        -2  /* length 0 or > NF_SECRET_MAX_LENGTH, offset/range outside the secret, unknown or
                                   contradictory flags, struct size too small, enum value out of range */
#define NF_E_BUFFER_SMALL   -3  /* the output buffer is too small; nothing was written to it */
#define NF_E_BAD_HANDLE     -4  /* the handle is 0, was never issued, or was already freed (double free, use after free) */
#define NF_E_WRONG_TYPE     -5  /* the handle is live but of another type (an enclave where a secret is expected...) */
#define NF_E_PURGED         -6  /* nf_purge wiped this secret (or the enclave key); the handle only accepts *_free */
#define NF_E_FROZEN         -7  /* the secret is frozen (read-only); nf_secret_melt it first */
#define NF_E_BUSY           -8  /* the object is in use in a way that forbids this (freeze while a write is open) */
#define NF_E_REFUSED        -9  /* the OS refused a protection (memory lock, guard pages...) under the strict policy,
                                   or refused nf_lock_all_memory / nf_harden_process */
#define NF_E_TAMPERED      -10  /* the enclave failed authentication */
#define NF_E_NOMEM         -11  /* out of memory (the OS could not map secret memory) */
#define NF_E_TOO_MANY      -12  /* the handle table is full (2^24 live handles) */
#define NF_E_CALLBACK      -13  /* the callback returned non-zero (its value is not kept) */
#define NF_E_UNSUPPORTED   -14  /* not supported on this platform */
#define NF_E_INTERNAL      -15  /* an unexpected internal error */
#define NF_E_NO_PRIVATE    -16  /* the key has no private part (imported from its public key) */
#define NF_E_REJECTED      -17  /* untrusted input failed a check: a public key (FIPS 203 §7.2, a point not on the
                                   curve...), an HPKE encapsulated key or ciphertext (authentication), a PHC string */
#define NF_E_LIMIT         -18  /* the input asks for more memory or work than the limits allow (Argon2 PHC verify) */

/* A static, NUL-terminated English description of a status code; never NULL, also for unknown codes.
   The one function that does not return a status. Thread-safe. */
const char *nf_strerror(int status);

/* *out = the library's version (same layout as NF_VERSION). Errors: NF_E_NULL. Thread-safe. */
int nf_version(uint32_t *out);

/* ---- Secrets ---- */

#define NF_SECRET_MAX_LENGTH ((size_t)1 << 30)

/* Creation flags (0 = defaults: pooled up to 4096 bytes, guarded above; the process policy). */
#define NF_SECRET_GUARDED           1u  /* own mapping [guard][data, right-aligned][guard]: 1 byte past the end faults */
#define NF_SECRET_POOLED            2u  /* a slot in a shared slab (max 4096 bytes); not with NF_SECRET_GUARDED */
#define NF_SECRET_NO_ACCESS_AT_REST 4u  /* pages PROT_NONE whenever no read/write is in progress */
#define NF_SECRET_STRICT            8u  /* refuse (NF_E_REFUSED) when a protection is unavailable */
#define NF_SECRET_BEST_EFFORT      16u  /* allocate without it instead; not with NF_SECRET_STRICT */

/* Protection bits reported by nf_secret_protection. */
#define NF_PROT_LOCKED               1u
#define NF_PROT_EXCLUDED_FROM_DUMPS  2u
#define NF_PROT_WIPED_ON_FORK        4u
#define NF_PROT_NOT_INHERITED_ON_FORK 8u
#define NF_PROT_GUARD_PAGES         16u
#define NF_PROT_CANARIES            32u
#define NF_PROT_NO_ACCESS_AT_REST   64u
#define NF_PROT_KERNEL_SECRET_MEMORY 128u
#define NF_TIER_POOLED  1u
#define NF_TIER_GUARDED 2u

/* Allocates a zeroed secret of `length` bytes (1..NF_SECRET_MAX_LENGTH) and stores its handle in *out.
   Errors: NF_E_NULL (out), NF_E_INVALID (length, flags; NF_SECRET_POOLED above 4096), NF_E_REFUSED, NF_E_NOMEM,
   NF_E_TOO_MANY. Thread-safe. */
int nf_secret_new(size_t length, uint32_t flags, nf_handle *out);

/* As nf_secret_new, filled from the OS CSPRNG (written straight into secret memory). Same errors. Thread-safe. */
int nf_secret_random(size_t length, uint32_t flags, nf_handle *out);

/* Copies `length` bytes from `source` into a new secret, then wipes `source` (zeroes it, in a way the compiler
   cannot elide). On any error nothing is wiped and no handle is made.
   Errors: NF_E_NULL (source, out), plus those of nf_secret_new. Thread-safe; `source` must not be changed by
   another thread during the call. */
int nf_secret_from_bytes(uint8_t *source, size_t length, uint32_t flags, nf_handle *out);

/* *out = the secret's length in bytes.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_secret_length(nf_handle secret, size_t *out);

/* Copies the whole secret into out[0..length). If `written` is not NULL, *written = the secret's length, also on
   NF_E_BUFFER_SMALL (so a caller can size its buffer; nothing is written to `out` then); on other errors *written
   is left as it was.
   Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL (out_len < length), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED.
   Thread-safe. A copy outside secret memory is yours to wipe. */
int nf_secret_read(nf_handle secret, uint8_t *out, size_t out_len, size_t *written);

/* Copies source[0..length) into the secret at `offset`. length 0 is allowed (source must still not be NULL).
   Errors: NF_E_NULL (source), NF_E_INVALID (offset + length > secret length), NF_E_FROZEN, NF_E_BAD_HANDLE,
   NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe (concurrent writes to one secret are not ordered). */
int nf_secret_write(nf_handle secret, size_t offset, const uint8_t *source, size_t length);

/* Callbacks for nf_secret_with_read / nf_secret_with_write: `data` points to the secret's `length` bytes and is
   valid ONLY until the callback returns (do not keep it). Return 0 for success; any other value makes the call
   return NF_E_CALLBACK. In the guarded tier, touching data[length] (one past the end) faults (SIGSEGV). */
typedef int (*nf_read_fn)(const uint8_t *data, size_t length, void *context);
typedef int (*nf_write_fn)(uint8_t *data, size_t length, void *context);

/* Calls `callback` with the secret's bytes, read-only. While it runs, the secret cannot be wiped: an
   nf_secret_free on another thread (or in the callback) waits for it to return before wiping.
   Errors: NF_E_NULL (callback), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_CALLBACK. Thread-safe;
   the callback may call any nf_ function, including on the same handle. */
int nf_secret_with_read(nf_handle secret, nf_read_fn callback, void *context);

/* As nf_secret_with_read, with writable bytes. Errors: as nf_secret_with_read, plus NF_E_FROZEN. */
int nf_secret_with_write(nf_handle secret, nf_write_fn callback, void *context);

/* Makes the secret read-only (in the guarded tier the pages become read-only in hardware; in the pooled tier writes
   are refused). Errors: NF_E_BUSY (a write is in progress), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED.
   Thread-safe. */
int nf_secret_freeze(nf_handle secret);

/* Makes a frozen secret writable again (no-op if not frozen). Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE,
   NF_E_PURGED. Thread-safe. */
int nf_secret_melt(nf_handle secret);

/* *out = 1 if frozen, else 0. Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_secret_is_frozen(nf_handle secret, int *out);

/* *protection = the NF_PROT_* bits the OS actually granted this secret; *tier = NF_TIER_POOLED or NF_TIER_GUARDED.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_secret_protection(nf_handle secret, uint32_t *protection, uint32_t *tier);

/* *out = 1 if the two secrets hold the same bytes, else 0 (different lengths: 0). Time depends only on the
   lengths, never on the contents. `a` and `b` may be the same handle.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_secret_equal(nf_handle a, nf_handle b, int *out);

/* Wipes and frees the secret; the handle becomes invalid at once (a second free gives NF_E_BAD_HANDLE).
   0 is accepted (NF_OK). A purged secret's handle is freed normally.
   Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_secret_free(nf_handle secret);

/* ---- Enclaves: ChaCha20-Poly1305 ciphertext under a split process key ---- */

/* Seals a copy of the secret into a new enclave (*out). The secret handle stays valid; free it when done.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_enclave_seal(nf_handle secret, nf_handle *out);

/* Decrypts the enclave into a new secret (*out_secret), created with `flags` (NF_SECRET_*). The enclave stays valid.
   Errors: NF_E_NULL, NF_E_INVALID (flags), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED (the process key was purged
   since sealing: the enclave can never be opened again), NF_E_TAMPERED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY.
   Thread-safe. */
int nf_enclave_open(nf_handle enclave, uint32_t flags, nf_handle *out_secret);

/* *out = the sealed secret's length. Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_enclave_length(nf_handle enclave, size_t *out);

/* Frees the enclave. 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_enclave_free(nf_handle enclave);

/* ---- ML-KEM-768 (FIPS 203): keys in handles, shared secrets as secret handles ----
   These are the nf_kem_* functions fixed to NF_KEM_MLKEM768 (kept from ABI 0.1). Their handles are KEM handles: the
   nf_kem_* functions accept them; these functions answer NF_E_WRONG_TYPE for a KEM handle of another algorithm. */

#define NF_MLKEM768_PUBLIC_KEY_BYTES 1184
#define NF_MLKEM768_CIPHERTEXT_BYTES 1088
#define NF_MLKEM768_SHARED_SECRET_BYTES 32

/* Generates a key pair; the seed and decapsulation key live in secret memory. *out = the key handle.
   Errors: NF_E_NULL, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_mlkem768_generate(nf_handle *out);

/* Imports a peer's encapsulation (public) key of exactly NF_MLKEM768_PUBLIC_KEY_BYTES, after FIPS 203's modulus
   check (section 7.2). The key can encapsulate, not decapsulate.
   Errors: NF_E_NULL, NF_E_INVALID (length), NF_E_REJECTED (check failed), NF_E_TOO_MANY. Thread-safe. */
int nf_mlkem768_import_public(const uint8_t *public_key, size_t length, nf_handle *out);

/* Copies the encapsulation key (1184 bytes) into out. *written (if not NULL) = 1184, also on NF_E_BUFFER_SMALL.
   Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_mlkem768_export_public(nf_handle key, uint8_t *out, size_t out_len, size_t *written);

/* Encapsulates to `key`: writes the 1088-byte ciphertext to ciphertext[0..1088) and the 32-byte shared secret to
   a new secret (*out_shared_secret). Nothing is written on error.
   Errors: NF_E_NULL, NF_E_BUFFER_SMALL (ciphertext_len < 1088), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_REFUSED,
   NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_mlkem768_encapsulate(nf_handle key, uint8_t *ciphertext, size_t ciphertext_len, nf_handle *out_shared_secret);

/* Decapsulates a ciphertext of exactly 1088 bytes into a new secret (*out_shared_secret). A modified ciphertext
   is not an error: FIPS 203's implicit rejection gives a different, pseudorandom shared secret.
   Errors: NF_E_NULL, NF_E_INVALID (length), NF_E_NO_PRIVATE, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED (the
   key's secrets were wiped by nf_purge), NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_mlkem768_decapsulate(nf_handle key, const uint8_t *ciphertext, size_t ciphertext_len, nf_handle *out_shared_secret);

/* *out = 1 if the key can decapsulate (generated here), 0 if imported from its public key.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_mlkem768_has_private(nf_handle key, int *out);

/* Frees the key (its secrets are wiped). 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_mlkem768_free(nf_handle key);

/* ---- KEMs: ML-KEM-512/768/1024 (FIPS 203) and X-Wing (draft-connolly-cfrg-xwing-kem) ----
   One handle type for all four; the algorithm ids are their HPKE KEM ids. Private keys and seeds never leave the
   library (there is no private-key export); shared secrets are new secret handles (32 bytes). */

#define NF_KEM_MLKEM512  0x0040u
#define NF_KEM_MLKEM768  0x0041u
#define NF_KEM_MLKEM1024 0x0042u
#define NF_KEM_XWING     0x647Au
#define NF_KEM_SHARED_SECRET_BYTES 32

/* The algorithm's public key, ciphertext and seed sizes (ML-KEM: 800/768/64, 1184/1088/64, 1568/1568/64;
   X-Wing: 1216/1120/32). Errors: NF_E_NULL, NF_E_INVALID (unknown algorithm). Thread-safe. */
int nf_kem_sizes(uint32_t algorithm, size_t *public_key, size_t *ciphertext, size_t *seed);

/* Generates a key pair. Errors: NF_E_NULL, NF_E_INVALID (algorithm), NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. */
int nf_kem_generate(uint32_t algorithm, nf_handle *out);

/* The key pair of a seed held in a secret (ML-KEM: d || z, 64 bytes, FIPS 203 ML-KEM.KeyGen_internal; X-Wing: the
   32-byte private key). The seed secret stays valid and unchanged. Errors: NF_E_NULL, NF_E_INVALID (algorithm, seed
   length), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_kem_import_seed(uint32_t algorithm, nf_handle seed, nf_handle *out);

/* Imports a peer's public key of exactly the algorithm's size after FIPS 203's modulus check (section 7.2; for
   X-Wing, of its ML-KEM-768 part). The key can encapsulate, not decapsulate.
   Errors: NF_E_NULL, NF_E_INVALID (algorithm, length), NF_E_REJECTED (check failed), NF_E_TOO_MANY. Thread-safe. */
int nf_kem_import_public(uint32_t algorithm, const uint8_t *public_key, size_t length, nf_handle *out);

/* Copies the public key into out. *written (if not NULL) = its size, also on NF_E_BUFFER_SMALL.
   Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_kem_export_public(nf_handle key, uint8_t *out, size_t out_len, size_t *written);

/* Encapsulates to `key`: the ciphertext to ciphertext[0..size), the 32-byte shared secret to a new secret
   (*out_shared_secret). *written (if not NULL) = the ciphertext size, also on NF_E_BUFFER_SMALL. Nothing else is
   written on error. Errors: NF_E_NULL, NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_REFUSED,
   NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_kem_encapsulate(nf_handle key, uint8_t *ciphertext, size_t ciphertext_len, size_t *written,
                       nf_handle *out_shared_secret);

/* Decapsulates a ciphertext of exactly the algorithm's size into a new secret (*out_shared_secret). A modified
   ciphertext is not an error: implicit rejection gives a different, pseudorandom shared secret.
   Errors: NF_E_NULL, NF_E_INVALID (length), NF_E_NO_PRIVATE, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED,
   NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_kem_decapsulate(nf_handle key, const uint8_t *ciphertext, size_t ciphertext_len, nf_handle *out_shared_secret);

/* *out = the key's NF_KEM_* algorithm. Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_kem_algorithm(nf_handle key, uint32_t *out);

/* *out = 1 if the key can decapsulate, 0 if imported from its public key.
   Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_kem_has_private(nf_handle key, int *out);

/* Frees the key (its secrets are wiped). 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_kem_free(nf_handle key);

/* ---- HPKE (RFC 9180; ML-KEM and X-Wing KEMs of draft-ietf-hpke-pq), single shot ----
   Suites are named by registry ids. KEMs: 0x0010 DHKEM(P-256), 0x0011 DHKEM(P-384), 0x0012 DHKEM(P-521),
   0x0020 DHKEM(X25519), 0x0021 DHKEM(X448), 0x0040/0x0041/0x0042 ML-KEM-512/768/1024, 0x0050 MLKEM768-P256,
   0x0051 MLKEM1024-P384, 0x647A X-Wing. KDFs: 0x0001..0x0003 HKDF-SHA256/384/512, 0x0010/0x0011 SHAKE128/256,
   0x0012/0x0013 TurboSHAKE128/256. AEADs: 0x0001 AES-128-GCM, 0x0002 AES-256-GCM, 0x0003 ChaCha20-Poly1305
   (0xFFFF export-only cannot seal or open: NF_E_INVALID). An unknown id is NF_E_INVALID.
   Optional byte inputs (info, aad, psk_id) may be NULL with length 0; psk is a secret handle or 0 for none (mode
   psk when given: RFC 9180 §5.1 requires psk and psk_id together, else NF_E_INVALID; its length is not checked:
   RFC 9180 §5.1.2's "at least 32 bytes of entropy" is the caller's to provide, as in the managed HpkeSuite).
   Every length is at most 2^30. The recipient's private key is an HPKE key handle; there is no private-key export. */

#define NF_HPKE_KEM_X25519_SHA256 0x0020u
#define NF_HPKE_KDF_HKDF_SHA256   0x0001u
#define NF_HPKE_AEAD_AES128_GCM   0x0001u
#define NF_HPKE_AEAD_CHACHA20_POLY1305 0x0003u

/* *enc_len = the suite's encapsulated key size, *ciphertext_len = plaintext_len + the AEAD tag.
   Errors: NF_E_NULL, NF_E_INVALID (an id, plaintext_len > 2^30). Thread-safe. */
int nf_hpke_sizes(uint16_t kem, uint16_t kdf, uint16_t aead, size_t plaintext_len, size_t *enc_len,
                  size_t *ciphertext_len);

/* A fresh HPKE key pair of `kem`. Errors: NF_E_NULL, NF_E_INVALID (kem), NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. */
int nf_hpke_key_generate(uint16_t kem, nf_handle *out);

/* DeriveKeyPair(ikm) (RFC 9180 §7.1.3; the hpke-pq KEMs' own derivations), ikm in a secret (left unchanged).
   Errors: NF_E_NULL, NF_E_INVALID (kem, ikm length), NF_E_REJECTED (derivation failed), NF_E_BAD_HANDLE,
   NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_hpke_key_derive(uint16_t kem, nf_handle ikm, nf_handle *out);

/* Imports a serialized private key (DeserializePrivateKey) held in a secret (left unchanged).
   Errors: as nf_hpke_key_derive; NF_E_REJECTED for a key the KEM rejects (zero scalar, out of range...). */
int nf_hpke_key_import(uint16_t kem, nf_handle private_key, nf_handle *out);

/* Copies the public key (SerializePublicKey) into out. *written (if not NULL) = its size, also on
   NF_E_BUFFER_SMALL. Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_hpke_key_export_public(nf_handle key, uint8_t *out, size_t out_len, size_t *written);

/* *out = the key's KEM id. Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_hpke_key_kem(nf_handle key, uint16_t *out);

/* Frees the key (its secrets are wiped). 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_hpke_key_free(nf_handle key);

/* SealBase / SealPSK (RFC 9180 §6.1) to recipient_pk: the encapsulated key to enc[0..enc size), the ciphertext to
   ciphertext[0..plaintext_len + tag). *written (if not NULL) = the ciphertext length, also on NF_E_BUFFER_SMALL
   (see nf_hpke_sizes). Nothing is written on error.
   Errors: NF_E_NULL, NF_E_INVALID (ids, lengths, recipient_pk size, psk without psk_id or the reverse),
   NF_E_BUFFER_SMALL (enc_len or ciphertext_len), NF_E_REJECTED (recipient_pk fails the KEM's
   check), NF_E_BAD_HANDLE / NF_E_WRONG_TYPE / NF_E_PURGED (psk), NF_E_NOMEM. Thread-safe. */
int nf_hpke_seal(uint16_t kem, uint16_t kdf, uint16_t aead, const uint8_t *recipient_pk, size_t recipient_pk_len,
                 const uint8_t *info, size_t info_len, const uint8_t *aad, size_t aad_len, nf_handle psk,
                 const uint8_t *psk_id, size_t psk_id_len, const uint8_t *plaintext, size_t plaintext_len,
                 uint8_t *enc, size_t enc_len, uint8_t *ciphertext, size_t ciphertext_len, size_t *written);

/* OpenBase / OpenPSK (RFC 9180 §6.1) with the recipient key (its KEM is the suite's). The plaintext is written
   to plaintext[0..ciphertext_len - tag); *written (if not NULL) = that length, also on NF_E_BUFFER_SMALL.
   On NF_E_REJECTED (authentication failed, or enc fails the KEM's check) the plaintext range is zeroed.
   Errors: NF_E_NULL, NF_E_INVALID (ids, lengths, enc_len not the KEM's size, psk inputs as for seal),
   NF_E_BUFFER_SMALL, NF_E_REJECTED, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_hpke_open(nf_handle recipient, uint16_t kdf, uint16_t aead, const uint8_t *enc, size_t enc_len,
                 const uint8_t *info, size_t info_len, const uint8_t *aad, size_t aad_len, nf_handle psk,
                 const uint8_t *psk_id, size_t psk_id_len, const uint8_t *ciphertext, size_t ciphertext_len,
                 uint8_t *plaintext, size_t plaintext_len, size_t *written);

/* ---- Argon2id (RFC 9106, version 0x13) ---- */

/* A buffer of this size always holds nf_argon2id_phc_hash's string and its NUL (with m, t, p up to 2^31-1). */
#define NF_ARGON2_PHC_MAX_LENGTH 128

/* Argon2id(password, salt, secret K, associated data X) into a new secret of out_len bytes (4..2^30). The
   password is a secret handle, or 0 for the empty password (a secret cannot be empty); it and K (a secret handle,
   or 0 for none) stay unchanged. In all three Argon2 functions password 0 means the empty password.
   salt: at least 8 bytes; ad may be NULL with length 0. memory_kib >= 8 * parallelism, iterations >= 1,
   parallelism 1..2^24-1.
   Errors: NF_E_NULL, NF_E_INVALID (any parameter or length), NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED,
   NF_E_REFUSED, NF_E_NOMEM. Thread-safe. */
int nf_argon2id(nf_handle password, const uint8_t *salt, size_t salt_len, nf_handle secret, const uint8_t *ad,
                size_t ad_len, uint32_t memory_kib, uint32_t iterations, uint32_t parallelism, size_t out_len,
                nf_handle *out);

/* Hashes the password with a fresh 16-byte salt and a 32-byte tag into a PHC string
   ("$argon2id$v=19$m=...,t=...,p=...$salt$hash"), written NUL-terminated to out; *written (if not NULL) = its
   length including the NUL, also on NF_E_BUFFER_SMALL (then nothing is written: call again with a bigger buffer;
   NF_ARGON2_PHC_MAX_LENGTH always suffices). Errors: NF_E_NULL, NF_E_INVALID (parameters), NF_E_BUFFER_SMALL,
   NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_NOMEM. Thread-safe. */
int nf_argon2id_phc_hash(nf_handle password, uint32_t memory_kib, uint32_t iterations, uint32_t parallelism,
                         char *out, size_t out_len, size_t *written);

/* Verifies the password against a PHC string phc[0..phc_len) (no NUL needed; 1..4096 bytes; any Argon2 variant the
   string names) in constant time over the tag: *out = 1 on a match, 0 otherwise. The string is untrusted: its cost is
   capped (m <= 2 GiB, m x t <= 2 GiB) before anything is allocated.
   Errors: NF_E_NULL, NF_E_INVALID (phc_len), NF_E_REJECTED (malformed string), NF_E_LIMIT (cost above the cap),
   NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_NOMEM. Thread-safe. */
int nf_argon2_phc_verify(const char *phc, size_t phc_len, nf_handle password, int *out);

/* ---- X25519 (RFC 7748) ---- */

#define NF_X25519_KEY_BYTES 32

/* A fresh key pair (the scalar lives in secret memory). Errors: NF_E_NULL, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. */
int nf_x25519_generate(nf_handle *out);

/* The key of a 32-byte scalar held in a secret (left unchanged). Errors: NF_E_NULL, NF_E_INVALID (length),
   NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_x25519_import(nf_handle private_key, nf_handle *out);

/* Copies the 32-byte public key into out. *written (if not NULL) = 32, also on NF_E_BUFFER_SMALL.
   Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_x25519_export_public(nf_handle key, uint8_t *out, size_t out_len, size_t *written);

/* X25519(scalar, peer) into a new 32-byte secret (*out_shared_secret). An all-zero result (a small-order peer
   key, RFC 7748 §6.1) is NF_E_REJECTED. Errors: NF_E_NULL, NF_E_INVALID (peer_len != 32), NF_E_REJECTED,
   NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_x25519_agree(nf_handle key, const uint8_t *peer, size_t peer_len, nf_handle *out_shared_secret);

/* Frees the key (its secret is wiped). 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_x25519_free(nf_handle key);

/* ---- Signatures: Ed25519, Ed448 (RFC 8032), ECDSA (FIPS 186-5), ML-DSA (FIPS 204) ----
   The signing key lives in a handle; there is no private-key export. Messages and contexts may be NULL with
   length 0; contexts only for Ed448 / Ed448ph (RFC 8032 §5.2) and ML-DSA (FIPS 204 §5.2), up to 255 bytes, else
   NF_E_INVALID. ML-DSA is pure ML-DSA (Algorithms 2/3), its signing hedged (FIPS 204 §3.4: fresh randomness per
   signature, so two signatures of one message differ); its private key is the 32-byte seed xi (Algorithm 6),
   and any public key of the right size is accepted (FIPS 204 defines no check: a wrong key verifies nothing). */

#define NF_SIG_ED25519            1u
#define NF_SIG_ED448              2u
#define NF_SIG_ED448PH            3u
#define NF_SIG_ECDSA_P256_SHA256  4u  /* DER signatures */
#define NF_SIG_ECDSA_P384_SHA384  5u
#define NF_SIG_ECDSA_P521_SHA512  6u
#define NF_SIG_ECDSA_P256_SHA256_P1363 7u  /* IEEE P1363 r || s signatures */
#define NF_SIG_ECDSA_P384_SHA384_P1363 8u
#define NF_SIG_ECDSA_P521_SHA512_P1363 9u
#define NF_SIG_MLDSA44            10u  /* public key 1312, signature 2420, private key (seed) 32 */
#define NF_SIG_MLDSA65            11u  /* public key 1952, signature 3309, private key (seed) 32 */
#define NF_SIG_MLDSA87            12u  /* public key 2592, signature 4627, private key (seed) 32 */

/* The public key size, the largest signature and the private key size of the algorithm.
   Errors: NF_E_NULL, NF_E_INVALID (unknown algorithm). Thread-safe. */
int nf_sig_sizes(uint32_t algorithm, size_t *public_key, size_t *signature_max, size_t *private_key);

/* A fresh signing key. Errors: NF_E_NULL, NF_E_INVALID (algorithm), NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. */
int nf_sig_generate(uint32_t algorithm, nf_handle *out);

/* The signing key of a private key held in a secret (left unchanged; EdDSA: the 32/57-byte seed, ECDSA: the
   big-endian scalar, ML-DSA: the 32-byte seed xi). Errors: NF_E_NULL, NF_E_INVALID (algorithm, length), NF_E_REJECTED (scalar 0 or >= n),
   NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED, NF_E_REFUSED, NF_E_NOMEM, NF_E_TOO_MANY. Thread-safe. */
int nf_sig_import_private(uint32_t algorithm, nf_handle private_key, nf_handle *out);

/* Copies the public key (EdDSA: RFC 8032 encoding; ECDSA: uncompressed SEC1 point; ML-DSA: FIPS 204 pkEncode)
   into out. *written (if not
   NULL) = its size, also on NF_E_BUFFER_SMALL. Errors: NF_E_NULL (out), NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE,
   NF_E_WRONG_TYPE. Thread-safe. */
int nf_sig_export_public(nf_handle key, uint8_t *out, size_t out_len, size_t *written);

/* *out = the key's NF_SIG_* algorithm. Errors: NF_E_NULL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_sig_algorithm(nf_handle key, uint32_t *out);

/* Signs message[0..message_len) (with the context: Ed448, Ed448ph, ML-DSA) into signature. The buffer must hold the
   algorithm's largest signature (nf_sig_sizes); *written (if not NULL) = the signature's actual length on NF_OK,
   the largest on NF_E_BUFFER_SMALL. Nothing is written on error. Errors: NF_E_NULL, NF_E_INVALID (context),
   NF_E_BUFFER_SMALL, NF_E_BAD_HANDLE, NF_E_WRONG_TYPE, NF_E_PURGED. Thread-safe. */
int nf_sig_sign(nf_handle key, const uint8_t *message, size_t message_len, const uint8_t *context,
                size_t context_len, uint8_t *signature, size_t signature_len, size_t *written);

/* *out = 1 if signature is a valid signature of message by public_key, else 0 (also for a public key that is not
   a valid point or a malformed signature: untrusted input is an answer, not an error).
   Errors: NF_E_NULL, NF_E_INVALID (algorithm, public_key_len not the algorithm's size, context). Thread-safe. */
int nf_sig_verify(uint32_t algorithm, const uint8_t *public_key, size_t public_key_len, const uint8_t *message,
                  size_t message_len, const uint8_t *signature, size_t signature_len, const uint8_t *context,
                  size_t context_len, int *out);

/* Frees the key (its secrets are wiped). 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_sig_free(nf_handle key);

/* ---- Process ---- */

#define NF_CAP_CAN_LOCK_BEYOND_LIMIT 1u  /* CAP_IPC_LOCK (or root): memlock limit does not apply */
#define NF_CAP_DONT_DUMP             2u  /* MADV_DONTDUMP works */
#define NF_CAP_MEMFD_SECRET          4u  /* memfd_secret(2) is available */
#define NF_CAP_STRICT_POLICY_CAN_HOLD 8u /* the strict policy can allocate at least one secret now */

/* Version 1 of the struct: 112 bytes. Set `size` = sizeof(nf_caps) before the call; a later version only
   appends fields, and the library writes only the fields of the version it knows (it sets `size` to that). */
typedef struct nf_caps {
    uint32_t size;                  /* in: sizeof your struct; out: bytes written */
    uint32_t flags;                 /* NF_CAP_* */
    int32_t page_size;
    int32_t guard_mechanism;        /* 0 none, 1 mprotect PROT_NONE, 2 PAGE_NOACCESS */
    int32_t fork_protection;        /* 0 none, 1 MADV_WIPEONFORK, 2 MADV_DONTFORK, 3 not applicable */
    int32_t policy;                 /* NF_POLICY_* */
    int64_t memlock_limit_bytes;    /* soft RLIMIT_MEMLOCK, whole pages; INT64_MAX: unlimited */
    int64_t locked_bytes;
    int64_t lockable_bytes_remaining;
    int64_t live_guarded_secrets;
    int64_t live_pooled_secrets;
    int64_t pooled_slots;
    int64_t refusals;
    char platform[32];              /* the OS description (e.g. "Linux 6.8.0-..."), ASCII, NUL-terminated, truncated */
} nf_caps;

/* Fills *caps. Errors: NF_E_NULL, NF_E_INVALID (caps->size < 112; nothing written). Thread-safe. */
int nf_capabilities(nf_caps *caps);

/* Wipes every secret, every live scratch buffer and the enclave key, at once. Afterwards every existing secret
   handle and every existing enclave handle gives NF_E_PURGED (only *_free still succeeds), and so does a private-key
   operation with an existing key (decapsulation, HPKE open, X25519 agreement, signing: their secrets are wiped too;
   a signing key's public key too; KEM encapsulation still works); new secrets, keys and enclaves work normally.
   Thread-safe: calls racing with a purge either complete first or give NF_E_PURGED. */
int nf_purge(void);

#define NF_POLICY_STRICT      0
#define NF_POLICY_BEST_EFFORT 1
/* The process-wide policy for secrets created without NF_SECRET_STRICT / NF_SECRET_BEST_EFFORT. Default strict.
   Errors: NF_E_NULL (get), NF_E_INVALID (set: not an NF_POLICY_*). Thread-safe. */
int nf_policy_get(int *out);
int nf_policy_set(int policy);

/* mlockall(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT where available). Errors: NF_E_REFUSED. Thread-safe. */
int nf_lock_all_memory(void);

/* No core dumps (RLIMIT_CORE 0) and not dumpable (PR_SET_DUMPABLE 0). Errors: NF_E_REFUSED. Thread-safe. */
int nf_harden_process(void);

/* Called after a purge on SIGINT, SIGTERM, SIGHUP or SIGQUIT, with the Linux signal number, on a runtime thread. */
typedef void (*nf_interrupt_fn)(int signal, void *context);

/* On SIGINT/SIGTERM/SIGHUP/SIGQUIT: purge, call `on_purged` (may be NULL), then exit by the same signal.
   *out = a guard handle; nf_interrupt_free uninstalls it. Errors: NF_E_NULL (out), NF_E_TOO_MANY. Thread-safe. */
int nf_catch_interrupt(nf_interrupt_fn on_purged, void *context, nf_handle *out);

/* Uninstalls a guard from nf_catch_interrupt. 0 is accepted. Errors: NF_E_BAD_HANDLE, NF_E_WRONG_TYPE. Thread-safe. */
int nf_interrupt_free(nf_handle guard);

#ifdef __cplusplus
}
#endif

#endif /* NOFUTURE_H */
