// Long public HPKE inputs under a small RLIMIT_MEMLOCK (run as nobody with 64 KiB by HpkePublicInputMemlockTests):
// info, psk_id and exporter_context are public, so they must not be copied into locked memory. For each KDF family,
// single-shot Seal/Open and a context's Seal/Open/Export with long info and psk_id (1 MiB for HKDF, the one-stage
// KDFs' 65,535-byte maximum otherwise) and a 1 MiB exporter context; then DeriveKeyPair from a 1 MiB ikm (secret,
// but it is read where the caller keeps it, never copied). Prints:
//   memlockLimit=<bytes>                   – what the process was really granted
//   ok=<KDF name or DeriveKeyPair>         – one line per case whose every step worked and agreed
//   failed=<case>:<step>:<exception>       – one line per case that threw
using System.Globalization;
using System.Security.Cryptography;
using NoFuture.Crypto.Hpke;
using NoFuture.Memory;

namespace NoFuture.Crypto.Probe;

internal static class HpkePublicInputScenario
{
    private const int MiB = 1 << 20;

    internal static int Run()
    {
        Print("memlockLimit", SecureMemory.Capabilities.MemlockLimitBytes);
        foreach (HpkeKdf kdf in new[] { HpkeKdf.HkdfSha256, HpkeKdf.HkdfSha512, HpkeKdf.Shake128, HpkeKdf.Shake256, HpkeKdf.TurboShake128, HpkeKdf.TurboShake256 })
        {
            string step = "setup";
            try
            {
                RunOne(new HpkeSuite(HpkeKem.DhKemX25519HkdfSha256, kdf, HpkeAead.ChaCha20Poly1305), ref step);
                Print("ok", kdf.Name);
            }
            catch (Exception e)
            {
                Print("failed", $"{kdf.Name}:{step}:{e.GetType().Name}: {e.Message}");
            }
        }
        byte[] ikm = RandomNumberGenerator.GetBytes(MiB);
        foreach (HpkeKem kem in new[] { HpkeKem.DhKemX25519HkdfSha256, HpkeKem.DhKemP256HkdfSha256, HpkeKem.XWing })
        {
            try
            {
                using HpkePrivateKey a = HpkePrivateKey.DeriveKeyPair(kem, ikm), b = HpkePrivateKey.DeriveKeyPair(kem, ikm);
                if (!a.PublicKey.SequenceEqual(b.PublicKey)) throw new InvalidOperationException("DeriveKeyPair is not deterministic");
                Print("ok", "DeriveKeyPair " + kem.Name);
            }
            catch (Exception e)
            {
                Print("failed", $"DeriveKeyPair {kem.Name}:derive:{e.GetType().Name}: {e.Message}");
            }
        }
        return 0;
    }

    private static void RunOne(HpkeSuite suite, ref string step)
    {
        int length = Math.Min(MiB, suite.Kdf.MaxInputSizeInBytes);
        byte[] info = RandomNumberGenerator.GetBytes(length), pskId = RandomNumberGenerator.GetBytes(length);
        byte[] exporterContext = RandomNumberGenerator.GetBytes(MiB);
        byte[] pt = RandomNumberGenerator.GetBytes(100), opened = new byte[100];
        using Secret psk = Secret.CreateRandom(32);
        using HpkePrivateKey skR = HpkePrivateKey.Generate(suite.Kem);
        byte[] enc = new byte[suite.Kem.EncapsulatedKeySizeInBytes], ct = new byte[suite.GetCiphertextSize(pt.Length)];

        step = "single-shot";
        suite.Seal(skR.PublicKey, pt, enc, ct, info, default, psk, pskId);
        if (!suite.Open(skR, enc, ct, opened, info, default, psk, pskId) || !opened.AsSpan().SequenceEqual(pt))
            throw new InvalidOperationException("single-shot round trip failed");

        step = "contexts";
        using HpkeSenderContext s = suite.SetupSender(skR.PublicKey, enc, info, psk, pskId);
        using HpkeRecipientContext r = suite.SetupRecipient(skR, enc, info, psk, pskId);
        s.Seal(pt, ct);
        if (!r.Open(ct, opened) || !opened.AsSpan().SequenceEqual(pt)) throw new InvalidOperationException("context round trip failed");
        step = "export";
        byte[] fromSender = new byte[32];
        s.Export(exporterContext, fromSender);
        using Secret fromRecipient = r.Export(exporterContext, 32);
        if (!fromRecipient.FixedTimeEquals(fromSender)) throw new InvalidOperationException("exports differ");
    }

    private static void Print(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
