// RFC 9106 §3.2 (steps 4-8), §3.4 (indexing) and §3.4.1 (computing J1, J2): one derivation's memory matrix and
// the order in which it is filled. m' = 4p * floor(m / 4p) blocks of 1 KiB, p lanes of q = m' / p blocks, each
// lane split into 4 slices of segmentLength = q / 4 blocks. Within a slice the p segments are independent, so lanes
// run in parallel threads (at most min(p, processors)), joined at every slice boundary (the RFC's sync points).
// Addressing: Argon2i, and Argon2id in the first half of the first pass, take J1 || J2 from address blocks
// G(0, G(0, Z)) that depend only on public values (data-independent); otherwise from the first word of the previous
// block (data-dependent by design, RFC 9106 §3.4.1.1). The matrix is SecretScratch memory (dont-dump, locked
// when the budget allows) and is wiped when the instance is disposed. The per-segment stack scratch (Q, address
// blocks) is wiped in finally. Cancellation is checked every 128 blocks; a cancelled derivation stops within one
// such stretch per lane and the caller wipes everything.
using System.Runtime.CompilerServices;
using NoFuture.Memory;

namespace NoFuture.Crypto.PasswordHashing;

internal sealed unsafe class Argon2Instance : IDisposable
{
    internal const int BlockBytes = 1024;
    private const int Words = BlockBytes / sizeof(ulong);
    private const int SyncPoints = 4;

    private readonly SecretScratch _matrix;
    private readonly byte* _memory;
    private readonly delegate*<ulong*, ulong*, ulong*, ulong*, bool, void> _compress;
    private readonly CancellationToken _cancellationToken;
    private volatile bool _cancelled;

    internal Argon2Instance(Argon2Parameters parameters, Argon2Path path, CancellationToken cancellationToken)
    {
        Type = parameters.Type;
        Version = parameters.Version;
        Passes = parameters.Iterations;
        Lanes = parameters.Parallelism;
        BlockCount = parameters.BlockCount;
        LaneLength = BlockCount / Lanes;
        SegmentLength = LaneLength / SyncPoints;
        _compress = path switch
        {
            Argon2Path.Vector256 => &BlockCompressionVector256.Compress,
            Argon2Path.Vector128 => &BlockCompressionVector128.Compress,
            _ => &BlockCompressionScalar.Compress,
        };
        _cancellationToken = cancellationToken;
        _matrix = SecretScratch.Allocate((long)BlockCount * BlockBytes, ProtectionPolicy.BestEffort);
        _memory = _matrix.Data;
    }

    internal Argon2Type Type { get; }

    internal Argon2Version Version { get; }

    internal int Passes { get; }

    internal int Lanes { get; }

    internal int BlockCount { get; }

    internal int LaneLength { get; }

    internal int SegmentLength { get; }

    /// <summary>The matrix's protections (for tests and diagnostics).</summary>
    internal SecretProtection Protection => _matrix.Protection;

    /// <summary>True when SecureMemory.Purge wiped the matrix after it was allocated: the result is void.</summary>
    internal bool WasPurged => _matrix.WasPurged;

    /// <summary>True once the matrix has been wiped and unmapped.</summary>
    internal bool IsDisposed => _matrix.IsDisposed;

    /// <summary>Block j of lane i.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    // SAFETY: callers pass lane < Lanes and index < LaneLength (the RFC's indexing never leaves the matrix), so the block
    // lies inside the scratch mapping, which stays mapped until Dispose, after every user has returned.
    internal ulong* Block(int lane, int index) => (ulong*)(_memory + ((long)lane * LaneLength + index) * BlockBytes);

    /// <summary>The whole matrix as bytes (tests read the KAT blocks through this; at most 2 GiB).</summary>
    internal ReadOnlySpan<byte> Memory => _matrix.GetSpan(0, (int)Math.Min(_matrix.Length, int.MaxValue));

    /// <summary>
    /// RFC 9106 §3.2 steps 5-6: B[i][0] = H'^1024(H0 || LE32(0) || LE32(i)), B[i][1] = H'^1024(H0 || LE32(1) || LE32(i)).
    /// </summary>
    internal void Initialize(ReadOnlySpan<byte> h0)
    {
        Span<byte> suffix = stackalloc byte[8];
        for (int lane = 0; lane < Lanes; lane++)
        {
            for (int column = 0; column < 2; column++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(suffix, column);
                System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(suffix[4..], lane);
                Blake2bLong.Hash(h0, suffix, _matrix.GetSpan(((long)lane * LaneLength + column) * BlockBytes, BlockBytes));
            }
        }
    }

    /// <summary>RFC 9106 §3.2 step 6 onwards: every pass, slice by slice, lanes in parallel.</summary>
    /// <param name="afterPass">Test hook: called after each pass with the pass number.</param>
    internal void Fill(Action<int>? afterPass = null)
    {
        int workers = Math.Min(Lanes, Environment.ProcessorCount);
        for (int pass = 0; pass < Passes; pass++)
        {
            for (int slice = 0; slice < SyncPoints; slice++)
            {
                if (workers == 1)
                {
                    for (int lane = 0; lane < Lanes; lane++) FillSegment(pass, slice, lane);
                }
                else
                {
                    int r = pass, s = slice, w = workers;
                    Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
                    {
                        for (int lane = worker; lane < Lanes; lane += w) FillSegment(r, s, lane);
                    });
                }
                if (_cancelled) _cancellationToken.ThrowIfCancellationRequested();
            }
            afterPass?.Invoke(pass);
        }
    }

    /// <summary>RFC 9106 §3.2 steps 7-8: C = XOR of the last column; Tag = H'^T(C). C is formed in place in lane 0.</summary>
    internal void Finish(Span<byte> tag)
    {
        ulong* c = Block(0, LaneLength - 1);
        for (int lane = 1; lane < Lanes; lane++)
        {
            ulong* last = Block(lane, LaneLength - 1);
            for (int k = 0; k < Words; k++) c[k] ^= last[k];
        }
        Blake2bLong.Hash(_matrix.GetSpan((long)(LaneLength - 1) * BlockBytes, BlockBytes), default, tag);
    }

    /// <summary>Wipes and unmaps the matrix.</summary>
    public void Dispose() => _matrix.Dispose();

    private void FillSegment(int pass, int slice, int lane)
    {
        // Scratch: Q for G, the address block, the input block Z and the zero block (RFC 9106 §3.4.1.2).
        // SAFETY: four disjoint 128-word blocks in this frame's stack, used only during this call and wiped in finally.
        ulong* scratch = stackalloc ulong[4 * Words];
        ulong* q = scratch, address = scratch + Words, input = scratch + 2 * Words, zero = scratch + 3 * Words;
        try
        {
            bool dataIndependent = Type == Argon2Type.Argon2i ||
                (Type == Argon2Type.Argon2id && pass == 0 && slice < SyncPoints / 2);
            bool xorInto = Version == Argon2Version.Version13 && pass != 0;
            int start = pass == 0 && slice == 0 ? 2 : 0;
            if (dataIndependent)
            {
                new Span<ulong>(input, 2 * Words).Clear(); // Z and the zero block (address is written before use)
                input[0] = (ulong)pass;
                input[1] = (ulong)lane;
                input[2] = (ulong)slice;
                input[3] = (ulong)BlockCount;
                input[4] = (ulong)Passes;
                input[5] = (ulong)Type;
                if (start != 0) NextAddresses(address, input, zero, q);
            }
            int index = slice * SegmentLength + start; // column within the lane
            for (int i = start; i < SegmentLength; i++, index++)
            {
                if ((i & 127) == 0 && _cancellationToken.IsCancellationRequested)
                {
                    _cancelled = true;
                    return;
                }
                ulong* previous = Block(lane, index == 0 ? LaneLength - 1 : index - 1);
                ulong pseudoRandom;
                if (dataIndependent)
                {
                    if ((i & (Words - 1)) == 0) NextAddresses(address, input, zero, q);
                    pseudoRandom = address[i & (Words - 1)];
                }
                else
                {
                    pseudoRandom = previous[0];
                }
                // J2 picks the lane (the own lane in the first slice of the first pass), J1 the block (§3.4.2).
                int refLane = pass == 0 && slice == 0 ? lane : (int)((pseudoRandom >> 32) % (ulong)Lanes);
                int refIndex = ReferenceIndex(pass, slice, i, (uint)pseudoRandom, refLane == lane);
                _compress(previous, Block(refLane, refIndex), Block(lane, index), q, xorInto);
            }
        }
        finally
        {
            new Span<ulong>(scratch, 4 * Words).Clear();
        }
    }

    /// <summary>Address block = G(0, G(0, Z)) with Z's counter incremented first (RFC 9106 §3.4.1.2).</summary>
    private void NextAddresses(ulong* address, ulong* input, ulong* zero, ulong* q)
    {
        input[6]++;
        _compress(zero, input, address, q, false);
        _compress(zero, address, address, q, false);
    }

    /// <summary>
    /// RFC 9106 §3.4.2: the reference set R (its size |W|), x = J1^2 / 2^32, y = (|W| * x) / 2^32, zz = |W| - 1 - y,
    /// counted from the start of R (the segment after the current one in later passes).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int ReferenceIndex(int pass, int slice, int i, uint j1, bool sameLane)
    {
        long size;
        if (pass == 0)
        {
            size = slice == 0 ? i - 1 :
                sameLane ? (long)slice * SegmentLength + i - 1 :
                (long)slice * SegmentLength + (i == 0 ? -1 : 0);
        }
        else
        {
            size = sameLane ? LaneLength - SegmentLength + i - 1 : LaneLength - SegmentLength + (i == 0 ? -1 : 0);
        }
        ulong x = ((ulong)j1 * j1) >> 32;
        ulong y = ((ulong)size * x) >> 32;
        long relative = size - 1 - (long)y;
        long startPosition = pass != 0 && slice != SyncPoints - 1 ? (long)(slice + 1) * SegmentLength : 0;
        return (int)((startPosition + relative) % LaneLength);
    }
}
