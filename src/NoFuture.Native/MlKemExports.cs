// nf_mlkem768_*: the nf_kem_* operations fixed to ML-KEM-768 (include/nofuture.h), kept for callers written against
// ABI 0.1. Their handles are KEM handles: an nf_kem_* function accepts them, and they refuse (NF_E_WRONG_TYPE) a
// KEM handle of another algorithm.
using System.Runtime.InteropServices;

namespace NoFuture.Native;

internal static unsafe class MlKemExports
{
    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_generate")]
    private static int Generate(ulong* outKey) => KemExports.GenerateCore(KemKey.MlKem768, outKey);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_import_public")]
    private static int ImportPublic(byte* publicKey, nuint length, ulong* outKey) =>
        KemExports.ImportPublicCore(KemKey.MlKem768, publicKey, length, outKey);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_export_public")]
    private static int ExportPublic(ulong keyHandle, byte* output, nuint outputLength, nuint* written) =>
        KemExports.ExportPublicCore(keyHandle, KemKey.MlKem768, output, outputLength, written);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_encapsulate")]
    private static int Encapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret) =>
        KemExports.EncapsulateChecked(keyHandle, KemKey.MlKem768, ciphertext, ciphertextLength, null, outSharedSecret);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_decapsulate")]
    private static int Decapsulate(ulong keyHandle, byte* ciphertext, nuint ciphertextLength, ulong* outSharedSecret) =>
        KemExports.DecapsulateCore(keyHandle, KemKey.MlKem768, ciphertext, ciphertextLength, outSharedSecret);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_has_private")]
    private static int HasPrivate(ulong keyHandle, int* outHasPrivate) =>
        KemExports.HasPrivateCore(keyHandle, KemKey.MlKem768, outHasPrivate);

    [UnmanagedCallersOnly(EntryPoint = "nf_mlkem768_free")]
    private static int Free(ulong keyHandle) => KemExports.FreeCore(keyHandle, KemKey.MlKem768);
}
