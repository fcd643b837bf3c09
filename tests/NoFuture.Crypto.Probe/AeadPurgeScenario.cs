// SecureMemory.Purge against AeadKey. Run in a child process because Purge is process-wide. For the BCL-backed
// algorithms the key also lives in an OpenSSL cipher context (OpenSSL's heap); the process is scanned for the key's
// first 8 bytes outside the NoFuture pools to see that copy come and go. Prints, per algorithm (aes128, aes256,
// chacha, xchacha):
//   <alg>.copiesBefore=N        – copies outside the pools while the key is in use (N >= 1 for OpenSSL: the control)
//   <alg>.copiesAfterPurge=N    – right after the purge, before the key is used again (OpenSSL's copy still there)
//   <alg>.seal=<outcome> <alg>.trySeal=<outcome> <alg>.open=<outcome> <alg>.sealArray=<outcome>
//                               – each operation after the purge (ObjectDisposedException expected)
//   <alg>.untouched=1           – the refused operations wrote nothing
//   <alg>.copiesAfterUse=N      – after the first refused use (0: the OpenSSL context was freed, and cleansed)
//   <alg>.disposeAfterPurge=ok  – Dispose after a purge does not throw
// and then
//   oneShot=<outcome>           – a one-shot Seal with a purged key Secret
//   freshKeyWorks=1             – keys created after the purge work
using System.Buffers.Binary;
using System.Globalization;
using NoFuture.Crypto.Aead;
using NoFuture.Memory;
using NoFuture.Tests.Shared.Probe;

namespace NoFuture.Crypto.Probe;

internal static class AeadPurgeScenario
{
    private const byte Sentinel = 0xA5;

    internal static int Run()
    {
        (string Name, AeadAlgorithm Algorithm)[] algorithms =
        [
            ("aes128", AeadAlgorithm.Aes128Gcm), ("aes256", AeadAlgorithm.Aes256Gcm),
            ("chacha", AeadAlgorithm.ChaCha20Poly1305), ("xchacha", AeadAlgorithm.XChaCha20Poly1305),
        ];
        var keys = new List<(string Name, AeadAlgorithm Algorithm, AeadKey Key, ulong Complement)>();
        Secret oneShotKey = Secret.CreateRandom(32);
        foreach ((string name, AeadAlgorithm algorithm) in algorithms)
        {
            using Secret raw = Secret.CreateRandom(algorithm.KeySizeInBytes);
            ulong complement = raw.Read(0, static (s, _) => ~BinaryPrimitives.ReadUInt64LittleEndian(s));
            AeadKey key = algorithm.CreateKey(raw);
            byte[] nonce = new byte[algorithm.NonceSizeInBytes];
            byte[] sealedMessage = key.Seal(nonce, "before the purge"u8);
            byte[] opened = new byte[sealedMessage.Length - algorithm.TagSizeInBytes];
            if (!key.Open(nonce, sealedMessage.AsSpan(0, opened.Length), sealedMessage.AsSpan(opened.Length), opened))
                throw new InvalidOperationException("AEAD round trip failed");
            keys.Add((name, algorithm, key, complement));
        }
        List<(nint, nint)> pools = MemoryScan.PoolRanges();
        foreach (var k in keys) Report($"{k.Name}.copiesBefore", MemoryScan.Count([k.Complement], pools, insidePools: false));

        SecureMemory.Purge();

        pools = MemoryScan.PoolRanges();
        foreach (var k in keys) Report($"{k.Name}.copiesAfterPurge", MemoryScan.Count([k.Complement], pools, insidePools: false));
        foreach ((string name, AeadAlgorithm algorithm, AeadKey key, ulong complement) in keys)
        {
            byte[] nonce = new byte[algorithm.NonceSizeInBytes];
            byte[] plaintext = "after the purge"u8.ToArray();
            byte[] ciphertext = Filled(plaintext.Length), tag = Filled(16), destination = Filled(plaintext.Length + 16);
            byte[] opened = Filled(plaintext.Length);
            Report($"{name}.seal", Outcome(() => key.Seal(nonce, plaintext, ciphertext, tag)));
            Report($"{name}.trySeal", Outcome(() => key.TrySeal(nonce, plaintext, destination, out _)));
            Report($"{name}.open", Outcome(() => key.Open(nonce, ciphertext, tag, opened)));
            Report($"{name}.sealArray", Outcome(() => key.Seal(nonce, plaintext)));
            bool untouched = new[] { ciphertext, tag, destination, opened }.All(b => !b.AsSpan().ContainsAnyExcept(Sentinel));
            Report($"{name}.untouched", untouched ? 1 : 0);
            Report($"{name}.copiesAfterUse", MemoryScan.Count([complement], MemoryScan.PoolRanges(), insidePools: false));
            Report($"{name}.disposeAfterPurge", Outcome(key.Dispose));
        }
        Report("oneShot", Outcome(() => AeadAlgorithm.ChaCha20Poly1305.Seal(oneShotKey, new byte[12], "x"u8)));

        bool fresh = true;
        foreach ((_, AeadAlgorithm algorithm) in algorithms)
        {
            using Secret raw = Secret.CreateRandom(algorithm.KeySizeInBytes);
            using AeadKey key = algorithm.CreateKey(raw);
            byte[] nonce = new byte[algorithm.NonceSizeInBytes];
            byte[] sealedMessage = key.Seal(nonce, "after"u8);
            byte[] opened = new byte[5];
            fresh &= key.Open(nonce, sealedMessage.AsSpan(0, 5), sealedMessage.AsSpan(5), opened) && opened.AsSpan().SequenceEqual("after"u8);
        }
        Report("freshKeyWorks", fresh ? 1 : 0);
        return 0;
    }

    private static byte[] Filled(int length) => Enumerable.Repeat(Sentinel, length).ToArray();

    private static string Outcome(Action action)
    {
        try
        {
            action();
            return "ok";
        }
        catch (Exception e)
        {
            return e.GetType().Name;
        }
    }

    private static void Report(string key, object value) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{key}={value}"));
}
