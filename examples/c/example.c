/*
 * A tour of libnofuture.so from C: a secret, an enclave, and an ML-KEM-768 key agreement.
 *
 *   dotnet publish src/NoFuture.Native -c Release -r linux-x64 -o out   # libnofuture.so, nofuture.pc, include/
 *   make -C examples/c NOFUTURE=$PWD/out && examples/c/example
 *
 * Every nf_ function returns NF_OK (0) or a negative NF_E_* status; nf_strerror gives its text.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nofuture.h"

/* Stop at the first failure, naming the call and the library's reason. */
#define TRY(call)                                                                           \
    do {                                                                                    \
        int rc_ = (call);                                                                   \
        if (rc_ != NF_OK) {                                                                 \
            fprintf(stderr, "%s:%d: %s: %s (%d)\n", __FILE__, __LINE__, #call,             \
                    nf_strerror(rc_), rc_);                                                 \
            exit(1);                                                                        \
        }                                                                                   \
    } while (0)

/* A with_read callback: the pointer is valid only during the call, so use the bytes here and keep nothing. */
static int fingerprint(const uint8_t *data, size_t length, void *context)
{
    unsigned sum = 0;
    for (size_t i = 0; i < length; i++) sum = sum * 31u + data[i];
    *(unsigned *)context = sum;
    return 0; /* non-zero would make nf_secret_with_read return NF_E_CALLBACK */
}

int main(void)
{
    uint32_t version;
    TRY(nf_version(&version));
    if ((version >> 16) != (NF_VERSION >> 16)) { /* same major: the ABI this program was compiled for */
        fprintf(stderr, "libnofuture %#x, header %#x\n", version, NF_VERSION);
        return 1;
    }
    printf("libnofuture %u.%u.%u\n", (version >> 16) & 0xff, (version >> 8) & 0xff, version & 0xff);

    /* 1. A secret: 32 bytes from a buffer of ours, which nf_secret_from_bytes wipes once the secret holds them. */
    uint8_t key_bytes[32];
    for (int i = 0; i < 32; i++) key_bytes[i] = (uint8_t)i;
    nf_handle key = 0;
    TRY(nf_secret_from_bytes(key_bytes, sizeof key_bytes, 0, &key)); /* 0: default tier and policy */

    unsigned before = 0;
    TRY(nf_secret_with_read(key, fingerprint, &before)); /* use in place: no copy leaves secret memory */
    TRY(nf_secret_freeze(key));                           /* read-only from now on */
    int rc = nf_secret_write(key, 0, (const uint8_t *)"x", 1);
    printf("write to a frozen secret: %s\n", nf_strerror(rc)); /* NF_E_FROZEN */

    /* 2. An enclave: the secret encrypted at rest; opening it makes a new secret with the same bytes. */
    nf_handle sealed = 0, reopened = 0;
    TRY(nf_enclave_seal(key, &sealed));
    TRY(nf_enclave_open(sealed, NF_SECRET_GUARDED, &reopened)); /* guarded: one byte past the end faults */
    int same = 0;
    TRY(nf_secret_equal(key, reopened, &same)); /* constant time */
    printf("enclave round trip: %s\n", same ? "same bytes" : "DIFFERENT");
    TRY(nf_secret_free(reopened));
    TRY(nf_enclave_free(sealed));
    TRY(nf_secret_free(key));
    rc = nf_secret_free(key); /* a handle is checked, never dereferenced: a double free is a status */
    printf("second free: %s\n", nf_strerror(rc)); /* NF_E_BAD_HANDLE */

    /* 3. ML-KEM-768: Alice generates a key pair and publishes the encapsulation key; Bob imports it (FIPS 203
       section 7.2 check), encapsulates, and sends the ciphertext; Alice decapsulates. Both shared secrets are
       secret handles, and equal. */
    nf_handle alice = 0, bob_view = 0, ss_bob = 0, ss_alice = 0;
    static uint8_t public_key[NF_MLKEM768_PUBLIC_KEY_BYTES], ciphertext[NF_MLKEM768_CIPHERTEXT_BYTES];
    size_t written = 0;
    TRY(nf_mlkem768_generate(&alice));
    TRY(nf_mlkem768_export_public(alice, public_key, sizeof public_key, &written));
    TRY(nf_mlkem768_import_public(public_key, written, &bob_view));
    TRY(nf_mlkem768_encapsulate(bob_view, ciphertext, sizeof ciphertext, &ss_bob));
    TRY(nf_mlkem768_decapsulate(alice, ciphertext, sizeof ciphertext, &ss_alice));
    TRY(nf_secret_equal(ss_alice, ss_bob, &same));
    printf("ML-KEM-768 shared secrets: %s\n", same ? "agree" : "DISAGREE");

    nf_secret_free(ss_alice);
    nf_secret_free(ss_bob);
    nf_mlkem768_free(bob_view);
    nf_mlkem768_free(alice);
    return same ? 0 : 1;
}
