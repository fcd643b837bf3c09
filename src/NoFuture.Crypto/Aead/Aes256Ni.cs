// AES-256 (FIPS 197) on the x86 AES instructions, for Aes256Cbc: one key per message, so the cost that matters is the
// whole call (expanding the key plus a kilobyte or so of CBC), which through OpenSSL's EVP carried about half a
// microsecond of context set-up per call on top of the cipher itself.
// - Key expansion: FIPS 197 §5.2 (Nk = 8, 15 round keys), with AESKEYGENASSIST computing SubWord(RotWord(w)) ^ Rcon
//   (even steps) and SubWord(w) (odd steps, the extra substitution of Nk = 8). The schedule goes into a 240-byte span
//   the caller provides (stack scratch, wiped by the caller in finally), never the GC heap.
// - Decryption: the equivalent inverse cipher (FIPS 197 §5.3.5): the round keys in reverse order, rounds 1..13 passed
//   through InvMixColumns (AESIMC), so AESDEC / AESDECLAST run in the cipher's own order. Inverted in place.
// - CBC (NIST SP 800-38A §6.2): encryption chains every block on the one before it, so it runs one block at a time;
//   decryption's blocks are independent (P_i = D(C_i) ^ C_{i-1}), so eight are in flight at once to hide the AESDEC
//   latency (about 4 cycles against a throughput of 1 or 2 per cycle). 128-bit only: .NET 10 exposes no VAES
//   (no Aes.V256 / V512, only Pclmulqdq.V256).
// Constant time: the AES instructions use no tables and take the same time whatever the data; there is no
// data-dependent branch or index here.
// Where round keys go: the CBC loops read them from the schedule as memory operands instead of holding fifteen locals,
// which the JIT spills to stack slots nobody wipes once it runs out of the 16 registers the AES instructions can use
// (seen in the disassembly of an earlier version); the loads cost nothing on encryption's critical path and one load
// per round for eight blocks on decryption. Key material can still sit in XMM registers after a call (best effort, as
// for any register); the schedule buffer is wiped by the caller.
// The methods are jitted fully optimized at once (AggressiveOptimization): each message calls them once, and the
// tier-0 code that runs for a program's first 30 calls, and long after in a busy process while tier 1 waits, costs
// several times the cipher itself.
// In place: EncryptCbc reads a block before writing it, and DecryptCbc writes a group's blocks last first, each after
// reading the ciphertext block it chains on (see there), so output may be the same memory as input (not a shifted
// overlap).
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using AesNi = System.Runtime.Intrinsics.X86.Aes;

namespace NoFuture.Crypto.Aead;

internal static class Aes256Ni
{
    /// <summary>Fifteen 16-byte round keys.</summary>
    internal const int ScheduleSize = 15 * 16;

    private const int BlockSize = 16;

    /// <summary>True when the AES instructions can be used (AES-NI; SSE2 for the shifts and shuffles).</summary>
    internal static bool IsSupported => AesNi.IsSupported && Sse2.IsSupported;

    /// <summary>FIPS 197 §5.2, KeyExpansion for AES-256: the encryption schedule w[0..59] as 15 round keys.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void ExpandKey(ReadOnlySpan<byte> key, Span<byte> schedule)
    {
        Debug.Assert(IsSupported && key.Length == 32 && schedule.Length == ScheduleSize);
        Vector128<byte> a = Vector128.Create(key[..16]), b = Vector128.Create(key[16..]);
        a.CopyTo(schedule);
        b.CopyTo(schedule[16..]);
        // AESKEYGENASSIST's immediate must be a constant, hence the unrolled steps (Rcon = 01, 02, 04, ... 40).
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x01).AsUInt32(), 0xFF));
        a.CopyTo(schedule[32..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[48..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x02).AsUInt32(), 0xFF));
        a.CopyTo(schedule[64..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[80..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x04).AsUInt32(), 0xFF));
        a.CopyTo(schedule[96..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[112..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x08).AsUInt32(), 0xFF));
        a.CopyTo(schedule[128..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[144..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x10).AsUInt32(), 0xFF));
        a.CopyTo(schedule[160..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[176..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x20).AsUInt32(), 0xFF));
        a.CopyTo(schedule[192..]);
        b = Step(b, Sse2.Shuffle(AesNi.KeygenAssist(a, 0x00).AsUInt32(), 0xAA));
        b.CopyTo(schedule[208..]);
        a = Step(a, Sse2.Shuffle(AesNi.KeygenAssist(b, 0x40).AsUInt32(), 0xFF));
        a.CopyTo(schedule[224..]);
    }

    /// <summary>Four words of the schedule from the four Nk = 8 words before them: w[i] = w[i-8] ^ t for the first
    /// (t the substituted word, broadcast), each later word the XOR of its predecessor and w[i-8]: a prefix XOR of the
    /// older round key's words, plus t in every word.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<byte> Step(Vector128<byte> older, Vector128<uint> t)
    {
        older ^= Sse2.ShiftLeftLogical128BitLane(older, 4);
        older ^= Sse2.ShiftLeftLogical128BitLane(older, 8);
        return older ^ t.AsByte();
    }

    /// <summary>Turns an encryption schedule into the equivalent inverse cipher's (FIPS 197 §5.3.5), in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void InvertSchedule(Span<byte> schedule)
    {
        Debug.Assert(IsSupported && schedule.Length == ScheduleSize);
        for (int r = 0; r < 7; r++)
        {
            Span<byte> low = schedule.Slice(r * BlockSize, BlockSize), high = schedule.Slice((14 - r) * BlockSize, BlockSize);
            Vector128<byte> x = Vector128.Create(low), y = Vector128.Create(high);
            if (r > 0)
            {
                x = AesNi.InverseMixColumns(x);
                y = AesNi.InverseMixColumns(y);
            }
            y.CopyTo(low);
            x.CopyTo(high);
        }
        Span<byte> middle = schedule.Slice(7 * BlockSize, BlockSize);
        AesNi.InverseMixColumns(Vector128.Create(middle)).CopyTo(middle);
    }

    /// <summary>CBC encryption of whole blocks chained from <paramref name="chain"/> (the IV, or the last ciphertext
    /// block of a previous call); returns the last ciphertext block, to chain a following call.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static Vector128<byte> EncryptCbc(ReadOnlySpan<byte> schedule, Vector128<byte> chain, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Debug.Assert(IsSupported && schedule.Length == ScheduleSize && output.Length == input.Length && input.Length % BlockSize == 0);
        ref byte rk = ref MemoryMarshal.GetReference(schedule);
        ref byte src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        // Round keys are read from the schedule (memory operands; the loads are off the chain's critical path) rather
        // than held in 15 locals, which without AVX-512's extra registers the JIT spills to stack slots nobody wipes.
        // LoadUnsafe/StoreUnsafe at i < input.Length = output.Length, both multiples of 16, and at r < ScheduleSize:
        // every access is in bounds.
        for (nuint i = 0; i < (nuint)input.Length; i += BlockSize)
        {
            Vector128<byte> x = (Vector128.LoadUnsafe(ref src, i) ^ Vector128.LoadUnsafe(ref rk)) ^ chain;
            for (nuint r = BlockSize; r < 14 * BlockSize; r += BlockSize) x = AesNi.Encrypt(x, Vector128.LoadUnsafe(ref rk, r));
            chain = AesNi.EncryptLast(x, Vector128.LoadUnsafe(ref rk, 14 * BlockSize));
            chain.StoreUnsafe(ref dst, i);
        }
        return chain;
    }

    /// <summary>CBC decryption of whole blocks with an inverted schedule (<see cref="InvertSchedule"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void DecryptCbc(ReadOnlySpan<byte> schedule, ReadOnlySpan<byte> iv, ReadOnlySpan<byte> input, Span<byte> output)
    {
        Debug.Assert(IsSupported && schedule.Length == ScheduleSize && iv.Length == BlockSize && output.Length == input.Length
            && input.Length % BlockSize == 0);
        Vector128<byte> chain = Vector128.Create(iv);
        ref byte rk = ref MemoryMarshal.GetReference(schedule);
        ref byte src = ref MemoryMarshal.GetReference(input);
        ref byte dst = ref MemoryMarshal.GetReference(output);
        nuint n = (nuint)input.Length, i = 0;
        const nuint Last = 14 * BlockSize;
        // Every block access below is at i + 16j with i + 16j + 16 <= n (the loop conditions), n a multiple of 16; every
        // round key at r <= Last < ScheduleSize. Round keys are memory operands, as in EncryptCbc. The eight states stay in
        // registers; the ciphertext blocks for the chaining XOR are read again at the end, last block first: block j's
        // output needs C_{j-1}, which in place is overwritten only when block j-1 is stored, after it (C_7, the next
        // group's chaining block, is read before its block is stored).
        for (; i + 8 * BlockSize <= n; i += 8 * BlockSize)
        {
            Vector128<byte> k = Vector128.LoadUnsafe(ref rk);
            Vector128<byte> x0 = Vector128.LoadUnsafe(ref src, i) ^ k, x1 = Vector128.LoadUnsafe(ref src, i + 16) ^ k,
                x2 = Vector128.LoadUnsafe(ref src, i + 32) ^ k, x3 = Vector128.LoadUnsafe(ref src, i + 48) ^ k,
                x4 = Vector128.LoadUnsafe(ref src, i + 64) ^ k, x5 = Vector128.LoadUnsafe(ref src, i + 80) ^ k,
                x6 = Vector128.LoadUnsafe(ref src, i + 96) ^ k, x7 = Vector128.LoadUnsafe(ref src, i + 112) ^ k;
            for (nuint r = BlockSize; r < Last; r += BlockSize)
                Round(ref x0, ref x1, ref x2, ref x3, ref x4, ref x5, ref x6, ref x7, Vector128.LoadUnsafe(ref rk, r));
            // AESDECLAST ends with the XOR of its key, so the chaining XOR is folded into it: D(C_j) ^ C_{j-1}.
            k = Vector128.LoadUnsafe(ref rk, Last);
            Vector128<byte> next = Vector128.LoadUnsafe(ref src, i + 112);
            AesNi.DecryptLast(x7, k ^ Vector128.LoadUnsafe(ref src, i + 96)).StoreUnsafe(ref dst, i + 112);
            AesNi.DecryptLast(x6, k ^ Vector128.LoadUnsafe(ref src, i + 80)).StoreUnsafe(ref dst, i + 96);
            AesNi.DecryptLast(x5, k ^ Vector128.LoadUnsafe(ref src, i + 64)).StoreUnsafe(ref dst, i + 80);
            AesNi.DecryptLast(x4, k ^ Vector128.LoadUnsafe(ref src, i + 48)).StoreUnsafe(ref dst, i + 64);
            AesNi.DecryptLast(x3, k ^ Vector128.LoadUnsafe(ref src, i + 32)).StoreUnsafe(ref dst, i + 48);
            AesNi.DecryptLast(x2, k ^ Vector128.LoadUnsafe(ref src, i + 16)).StoreUnsafe(ref dst, i + 32);
            AesNi.DecryptLast(x1, k ^ Vector128.LoadUnsafe(ref src, i)).StoreUnsafe(ref dst, i + 16);
            AesNi.DecryptLast(x0, k ^ chain).StoreUnsafe(ref dst, i);
            chain = next;
        }
        for (; i < n; i += BlockSize)
        {
            Vector128<byte> c = Vector128.LoadUnsafe(ref src, i);
            Vector128<byte> x = c ^ Vector128.LoadUnsafe(ref rk);
            for (nuint r = BlockSize; r < Last; r += BlockSize) x = AesNi.Decrypt(x, Vector128.LoadUnsafe(ref rk, r));
            AesNi.DecryptLast(x, Vector128.LoadUnsafe(ref rk, Last) ^ chain).StoreUnsafe(ref dst, i);
            chain = c;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Round(ref Vector128<byte> x0, ref Vector128<byte> x1, ref Vector128<byte> x2, ref Vector128<byte> x3,
        ref Vector128<byte> x4, ref Vector128<byte> x5, ref Vector128<byte> x6, ref Vector128<byte> x7, Vector128<byte> k)
    {
        x0 = AesNi.Decrypt(x0, k);
        x1 = AesNi.Decrypt(x1, k);
        x2 = AesNi.Decrypt(x2, k);
        x3 = AesNi.Decrypt(x3, k);
        x4 = AesNi.Decrypt(x4, k);
        x5 = AesNi.Decrypt(x5, k);
        x6 = AesNi.Decrypt(x6, k);
        x7 = AesNi.Decrypt(x7, k);
    }
}
