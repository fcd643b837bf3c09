// The process key that seals enclaves, held split: k = left XOR H(right), with H = HChaCha20 keyed by `right`
// (a PRF; we need its one-wayness, not collision resistance). `left` and `right` live in one memfd_secret page
// where the kernel allows (outside the kernel's direct map, between guard pages), else in a guarded,
// locked, no-access-at-rest buffer. k exists only in stack scratch for the length of one seal or open.
// Rekeying is lazy: the split is re-randomised on the first use after RekeyInterval, never by a timer.
using System.Buffers.Binary;
using System.Diagnostics;
using NoFuture.Memory.Platform;
using NoFuture.Memory.Primitives;

namespace NoFuture.Memory.Enclaves;

internal static unsafe class EnclaveKey
{
    internal const int KeySize = 32;
    private static readonly TimeSpan RekeyInterval = TimeSpan.FromMilliseconds(500);
    private static readonly byte[] s_hNonce = "NoFuture enclave"u8.ToArray(); // 16-byte HChaCha20 input, public

    private static readonly Lock s_lock = new();
    private static byte* s_page;         // left[32] || right[32] in the secret page, or in s_fallback
    private static Secret? s_fallback;
    private static SecretProtection s_protection;
    private static int s_generation = 1;
    private static bool s_ready;
    private static uint s_noncePrefix;
    private static long s_nonceCounter;
    private static long s_lastRekey;

    internal static int Generation => Volatile.Read(ref s_generation);

    internal static SecretProtection Protection
    {
        get
        {
            lock (s_lock)
            {
                EnsureReady();
                return s_protection;
            }
        }
    }

    /// <summary>Seals <paramref name="plaintext"/> into <paramref name="sealedBox"/> (nonce ‖ ciphertext ‖ tag).</summary>
    internal static int Seal(ReadOnlySpan<byte> plaintext, Span<byte> sealedBox)
    {
        Span<byte> k = stackalloc byte[KeySize];
        try
        {
            int generation;
            lock (s_lock)
            {
                EnsureReady();
                generation = s_generation;
                Derive(k);
                Span<byte> nonce = sealedBox[..ChaCha20Poly1305Core.NonceSize];
                BinaryPrimitives.WriteUInt32LittleEndian(nonce, s_noncePrefix);
                BinaryPrimitives.WriteInt64LittleEndian(nonce[4..], ++s_nonceCounter);
            }
            ChaCha20Poly1305Core.Seal(k, sealedBox[..ChaCha20Poly1305Core.NonceSize], plaintext, default,
                sealedBox.Slice(ChaCha20Poly1305Core.NonceSize, plaintext.Length),
                sealedBox.Slice(ChaCha20Poly1305Core.NonceSize + plaintext.Length, ChaCha20Poly1305Core.TagSize));
            return generation;
        }
        finally
        {
            k.Clear();
        }
    }

    /// <summary>Opens a sealed box into <paramref name="plaintext"/>; false when it does not authenticate.</summary>
    internal static bool Open(ReadOnlySpan<byte> sealedBox, int generation, Span<byte> plaintext)
    {
        Span<byte> k = stackalloc byte[KeySize];
        try
        {
            lock (s_lock)
            {
                if (generation != s_generation || !s_ready) ThrowHelper.Disposed("Enclave");
                Derive(k);
            }
            int n = plaintext.Length;
            return ChaCha20Poly1305Core.Open(k, sealedBox[..ChaCha20Poly1305Core.NonceSize],
                sealedBox.Slice(ChaCha20Poly1305Core.NonceSize, n),
                sealedBox.Slice(ChaCha20Poly1305Core.NonceSize + n, ChaCha20Poly1305Core.TagSize), default, plaintext);
        }
        finally
        {
            k.Clear();
        }
    }

    /// <summary>Wipes the key; every existing enclave becomes unopenable. A new key is made on next use.</summary>
    internal static void Purge()
    {
        lock (s_lock)
        {
            s_generation++;
            if (!s_ready) return;
            new Span<byte>(s_page, 2 * KeySize).Clear();
            s_ready = false;
        }
    }

    /// <summary>k = left XOR H(right), with a lazy re-split when the interval has passed. Caller holds the lock.</summary>
    private static void Derive(Span<byte> k)
    {
        Span<byte> left = new(s_page, KeySize);
        Span<byte> right = new(s_page + KeySize, KeySize);
        ChaCha20.HChaCha20(right, s_hNonce, k);
        for (int i = 0; i < KeySize; i++) k[i] ^= left[i];

        long now = Stopwatch.GetTimestamp();
        if (Stopwatch.GetElapsedTime(s_lastRekey, now) < RekeyInterval) return;
        // Re-split: new random right', left' = k XOR H(right'). k itself is unchanged.
        Span<byte> h = stackalloc byte[KeySize];
        try
        {
            PageAllocator.Current.FillRandom(right);
            ChaCha20.HChaCha20(right, s_hNonce, h);
            for (int i = 0; i < KeySize; i++) left[i] = (byte)(k[i] ^ h[i]);
            s_lastRekey = now;
        }
        finally
        {
            h.Clear();
        }
    }

    /// <summary>Maps the key page (once) and fills a fresh key split. Caller holds the lock.</summary>
    private static void EnsureReady()
    {
        if (s_ready) return;
        if (s_page == null)
        {
            PageAllocator os = PageAllocator.Current;
            byte* page = os.MapSecretPage(out _);
            if (page != null)
            {
                LockBudget.Charged((nuint)os.PageSize);
                s_page = page;
                s_protection = SecretProtection.KernelSecretMemory | SecretProtection.Locked | SecretProtection.GuardPages
                               | SecretProtection.ExcludedFromDumps;
            }
            else
            {
                s_fallback = Secret.Allocate(2 * KeySize, new SecretOptions { Tier = SecretTier.Guarded });
                s_page = s_fallback.DangerousData;
                s_protection = s_fallback.Protection;
            }
        }
        // Fresh key: random left and right (k = left XOR H(right) is random too).
        PageAllocator.Current.FillRandom(new Span<byte>(s_page, 2 * KeySize));
        Span<byte> prefix = stackalloc byte[4];
        PageAllocator.Current.FillRandom(prefix);
        s_noncePrefix = BinaryPrimitives.ReadUInt32LittleEndian(prefix);
        s_nonceCounter = 0;
        s_lastRekey = Stopwatch.GetTimestamp();
        s_ready = true;
    }
}
