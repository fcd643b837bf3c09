// nf_hpke_*: single-shot HPKE (RFC 9180, and the ML-KEM / X-Wing KEMs of draft-ietf-hpke-pq) over
// NoFuture.Crypto.HpkeSuite (include/nofuture.h). Suites are named by their registry ids; the recipient's private
// key lives in an HPKE key handle (HpkePrivateKey) and never reaches caller memory; a PSK is a secret handle.
using System.Runtime.InteropServices;
using NoFuture.Crypto;
using NoFuture.Memory;

namespace NoFuture.Native;

internal static unsafe class HpkeExports
{
    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_sizes")]
    private static int Sizes(ushort kemId, ushort kdfId, ushort aeadId, nuint plaintextLength, nuint* encapsulatedKeyLength,
        nuint* ciphertextLength)
    {
        if (encapsulatedKeyLength is null || ciphertextLength is null) return NativeStatus.NullPointer;
        HpkeSuite? suite = Suite(kemId, kdfId, aeadId);
        if (suite is null || plaintextLength > NativeInput.MaxLength) return NativeStatus.InvalidArgument;
        *encapsulatedKeyLength = (nuint)suite.Kem.EncapsulatedKeySizeInBytes;
        *ciphertextLength = (nuint)suite.GetCiphertextSize((int)plaintextLength);
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_generate")]
    private static int KeyGenerate(ushort kemId, ulong* outKey)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        HpkeKem? kem = HpkeKem.FromId(kemId);
        if (kem is null) return NativeStatus.InvalidArgument;
        try
        {
            return Publish(HpkePrivateKey.Generate(kem), outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_derive")]
    private static int KeyDerive(ushort kemId, ulong ikmHandle, ulong* outKey) => FromSecret(kemId, ikmHandle, outKey, derive: true);

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_import")]
    private static int KeyImport(ushort kemId, ulong privateKeyHandle, ulong* outKey) =>
        FromSecret(kemId, privateKeyHandle, outKey, derive: false);

    private static int FromSecret(ushort kemId, ulong secretHandle, ulong* outKey, bool derive)
    {
        if (outKey is null) return NativeStatus.NullPointer;
        HpkeKem? kem = HpkeKem.FromId(kemId);
        if (kem is null) return NativeStatus.InvalidArgument;
        int status = SecretExports.Lookup(secretHandle, out Secret? secret);
        if (status != NativeStatus.Ok) return status;
        try
        {
            HpkePrivateKey key = derive ? HpkePrivateKey.DeriveKeyPair(kem, secret!) : HpkePrivateKey.Import(kem, secret!);
            return Publish(key, outKey);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: secretHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_export_public")]
    private static int KeyExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written)
    {
        if (output is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out HpkePrivateKey? key);
        if (status != NativeStatus.Ok) return status;
        try
        {
            return NativeOutput.CopyPublic(key!.PublicKey, output, outputLength, written);
        }
        catch (Exception e)
        {
            return StatusMap.From(e, handle: keyHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_kem")]
    private static int KeyKem(ulong keyHandle, ushort* outKemId)
    {
        if (outKemId is null) return NativeStatus.NullPointer;
        int status = Lookup(keyHandle, out HpkePrivateKey? key);
        if (status != NativeStatus.Ok) return status;
        *outKemId = key!.Kem.Id;
        return NativeStatus.Ok;
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_key_free")]
    private static int KeyFree(ulong keyHandle)
    {
        if (keyHandle == 0) return NativeStatus.Ok;
        try
        {
            int status = HandleTable.Remove(keyHandle, HandleKind.HpkeKey, out HpkePrivateKey? key);
            if (status == NativeStatus.Ok) key!.Dispose();
            return status;
        }
        catch (Exception e)
        {
            return StatusMap.From(e);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_seal")]
    private static int Seal(ushort kemId, ushort kdfId, ushort aeadId, byte* recipientPublicKey, nuint recipientPublicKeyLength,
        byte* info, nuint infoLength, byte* aad, nuint aadLength, ulong pskHandle, byte* pskId, nuint pskIdLength,
        byte* plaintext, nuint plaintextLength, byte* encapsulatedKey, nuint encapsulatedKeyLength,
        byte* ciphertext, nuint ciphertextLength, nuint* written)
    {
        if (recipientPublicKey is null || encapsulatedKey is null || ciphertext is null) return NativeStatus.NullPointer;
        int status = First(
            NativeInput.Check(info, infoLength), NativeInput.Check(aad, aadLength),
            NativeInput.Check(pskId, pskIdLength), NativeInput.Check(plaintext, plaintextLength),
            NativeInput.Check(recipientPublicKey, recipientPublicKeyLength));
        if (status != NativeStatus.Ok) return status;
        HpkeSuite? suite = Suite(kemId, kdfId, aeadId);
        if (suite is null || suite.Aead.IsExportOnly) return NativeStatus.InvalidArgument;
        int encLength = suite.Kem.EncapsulatedKeySizeInBytes;
        int ctLength = suite.GetCiphertextSize((int)plaintextLength);
        if (written is not null) *written = (nuint)ctLength;
        if (encapsulatedKeyLength < (nuint)encLength || ciphertextLength < (nuint)ctLength) return NativeStatus.BufferTooSmall;
        Secret? psk = null;
        if (pskHandle != 0)
        {
            status = SecretExports.Lookup(pskHandle, out psk);
            if (status != NativeStatus.Ok) return status;
        }
        try
        {
            // enc and the ciphertext are public: they are built in managed buffers and copied out only on success,
            // so a failed call writes nothing.
            byte[] enc = new byte[encLength];
            byte[] ct = new byte[ctLength];
            suite.Seal(NativeInput.Span(recipientPublicKey, recipientPublicKeyLength), NativeInput.Span(plaintext, plaintextLength),
                enc, ct, NativeInput.Span(info, infoLength), NativeInput.Span(aad, aadLength), psk,
                NativeInput.Span(pskId, pskIdLength));
            // SAFETY: both outputs hold at least these lengths (caller contract, checked above).
            enc.CopyTo(new Span<byte>(encapsulatedKey, encLength));
            ct.CopyTo(new Span<byte>(ciphertext, ctLength));
            return NativeStatus.Ok;
        }
        catch (Exception e)
        {
            return StatusMap.From(e, NativeStatus.InvalidArgument, pskHandle);
        }
    }

    [UnmanagedCallersOnly(EntryPoint = "nf_hpke_open")]
    private static int Open(ulong recipientHandle, ushort kdfId, ushort aeadId, byte* encapsulatedKey, nuint encapsulatedKeyLength,
        byte* info, nuint infoLength, byte* aad, nuint aadLength, ulong pskHandle, byte* pskId, nuint pskIdLength,
        byte* ciphertext, nuint ciphertextLength, byte* plaintext, nuint plaintextLength, nuint* written)
    {
        if (encapsulatedKey is null || ciphertext is null || plaintext is null) return NativeStatus.NullPointer;
        int status = First(
            NativeInput.Check(info, infoLength), NativeInput.Check(aad, aadLength),
            NativeInput.Check(pskId, pskIdLength), NativeInput.Check(ciphertext, ciphertextLength),
            NativeInput.Check(encapsulatedKey, encapsulatedKeyLength));
        if (status != NativeStatus.Ok) return status;
        status = Lookup(recipientHandle, out HpkePrivateKey? key);
        if (status != NativeStatus.Ok) return status;
        HpkeSuite? suite = Suite(key!.Kem.Id, kdfId, aeadId);
        if (suite is null || suite.Aead.IsExportOnly) return NativeStatus.InvalidArgument;
        if (encapsulatedKeyLength != (nuint)suite.Kem.EncapsulatedKeySizeInBytes) return NativeStatus.InvalidArgument;
        int tag = suite.Aead.TagSizeInBytes;
        if (ciphertextLength < (nuint)tag) return NativeStatus.Rejected; // too short to be any ciphertext of this suite
        int ptLength = (int)ciphertextLength - tag;
        if (written is not null) *written = (nuint)ptLength;
        if (plaintextLength < (nuint)ptLength) return NativeStatus.BufferTooSmall;
        Secret? psk = null;
        if (pskHandle != 0)
        {
            status = SecretExports.Lookup(pskHandle, out psk);
            if (status != NativeStatus.Ok) return status;
        }
        try
        {
            // The plaintext goes straight to the caller's buffer (never to the managed heap); Open clears it when
            // authentication fails.
            bool opened = suite.Open(key, NativeInput.Span(encapsulatedKey, encapsulatedKeyLength),
                NativeInput.Span(ciphertext, ciphertextLength), ptLength == 0 ? default : new Span<byte>(plaintext, ptLength),
                NativeInput.Span(info, infoLength), NativeInput.Span(aad, aadLength), psk, NativeInput.Span(pskId, pskIdLength));
            return opened ? NativeStatus.Ok : NativeStatus.Rejected;
        }
        catch (Exception e)
        {
            if (ptLength > 0) new Span<byte>(plaintext, ptLength).Clear();
            return StatusMap.From(e, NativeStatus.InvalidArgument, recipientHandle, pskHandle);
        }
    }

    private static int First(int a, int b, int c, int d, int e) =>
        a != NativeStatus.Ok ? a : b != NativeStatus.Ok ? b : c != NativeStatus.Ok ? c : d != NativeStatus.Ok ? d : e;

    private static HpkeSuite? Suite(ushort kemId, ushort kdfId, ushort aeadId)
    {
        HpkeKem? kem = HpkeKem.FromId(kemId);
        HpkeKdf? kdf = HpkeKdf.FromId(kdfId);
        HpkeAead? aead = HpkeAead.FromId(aeadId);
        return kem is null || kdf is null || aead is null ? null : new HpkeSuite(kem, kdf, aead);
    }

    private static int Lookup(ulong handle, out HpkePrivateKey? key)
    {
        try
        {
            return HandleTable.Get(handle, HandleKind.HpkeKey, out key);
        }
        catch (Exception e)
        {
            key = null;
            return StatusMap.From(e);
        }
    }

    private static int Publish(HpkePrivateKey key, ulong* outKey)
    {
        int status = HandleTable.Add(key, HandleKind.HpkeKey, out ulong handle);
        if (status != NativeStatus.Ok)
        {
            key.Dispose();
            return status;
        }
        *outKey = handle;
        return NativeStatus.Ok;
    }
}
