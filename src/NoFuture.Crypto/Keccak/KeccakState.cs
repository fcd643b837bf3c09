// The Keccak sponge: FIPS 202, section 4 (SPONGE[f, pad, r]) with pad10*1, the domain-separation suffixes of
// section 6 (SHA3: 01, SHAKE: 1111) and the rates of sections 6.1-6.2; and TurboSHAKE128/256 (RFC 9861 §2.2: the same
// sponge over Keccak-p[1600, 12], rates 168/136, the caller's domain byte D in 0x01-0x7F as the suffix).
// Sizes: SHAKE128 rate 168, SHAKE256 and SHA3-256 rate 136, SHA3-512 rate 72 (bytes).
//
// Choices:
// - A plain struct (25 lanes inline, no reference fields), so a sponge lives on the stack and absorbing or
//   squeezing allocates nothing. Absorb may be called many times, then Squeeze many times; the first Squeeze
//   pads. Absorbing after squeezing is a programming error (asserted).
// - Bytes are XORed into and read from lanes with shifts, not through a byte view of the lanes, so the byte
//   order is FIPS 202's on every platform.
// - Whoever holds a state that absorbed secret data calls Clear in a finally block, so the exception path wipes it too.
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace NoFuture.Crypto.Keccak;

internal struct KeccakState
{
    internal const int Shake128Rate = 168, Shake256Rate = 136, Sha3_256Rate = 136, Sha3_512Rate = 72;
    private const byte Sha3Suffix = 0x06, ShakeSuffix = 0x1F;

    private Lanes _lanes;
    private int _rate;      // bytes
    private int _offset;    // next byte of the block to absorb into or squeeze from
    private byte _suffix;   // domain bits plus the first bit of pad10*1
    private bool _squeezing;
    private int _firstRound; // 0: Keccak-f[1600]; 12: Keccak-p[1600, 12] (TurboSHAKE)

    [InlineArray(KeccakF1600.Lanes)]
    private struct Lanes
    {
        private ulong _lane0;
    }

    private KeccakState(int rate, byte suffix, int firstRound = 0)
    {
        _rate = rate;
        _suffix = suffix;
        _firstRound = firstRound;
    }

    /// <summary>TurboSHAKE128 (RFC 9861 §2.2) with domain-separation byte <paramref name="d"/> (0x01-0x7F).</summary>
    internal static KeccakState TurboShake128(byte d) => new(Shake128Rate, TurboShakeDomain(d), firstRound: 12);

    /// <summary>TurboSHAKE256 (RFC 9861 §2.2) with domain-separation byte <paramref name="d"/> (0x01-0x7F).</summary>
    internal static KeccakState TurboShake256(byte d) => new(Shake256Rate, TurboShakeDomain(d), firstRound: 12);

    private static byte TurboShakeDomain(byte d)
    {
        Debug.Assert(d is >= 0x01 and <= 0x7F, "RFC 9861: D is in 0x01-0x7F.");
        return d;
    }

    internal static KeccakState Shake128() => new(Shake128Rate, ShakeSuffix);

    internal static KeccakState Shake256() => new(Shake256Rate, ShakeSuffix);

    internal static KeccakState Sha3_256() => new(Sha3_256Rate, Sha3Suffix);

    internal static KeccakState Sha3_512() => new(Sha3_512Rate, Sha3Suffix);

    /// <summary>Absorbs more input (FIPS 202, Algorithm 8, steps 6 and the XOR half of 6.i).</summary>
    internal void Absorb(ReadOnlySpan<byte> data)
    {
        Debug.Assert(!_squeezing, "Absorb after Squeeze.");
        Debug.Assert(_rate > 0, "Uninitialised sponge.");
        Span<ulong> lanes = _lanes;
        int offset = _offset;
        // Fill the partial block byte by byte.
        while (offset % 8 != 0 && !data.IsEmpty)
        {
            lanes[offset >> 3] ^= (ulong)data[0] << (8 * (offset & 7));
            offset++;
            data = data[1..];
            if (offset == _rate)
            {
                KeccakF1600.Permute(lanes, _firstRound);
                offset = 0;
            }
        }
        // Whole lanes.
        while (data.Length >= 8)
        {
            lanes[offset >> 3] ^= BinaryPrimitives.ReadUInt64LittleEndian(data);
            offset += 8;
            data = data[8..];
            if (offset == _rate)
            {
                KeccakF1600.Permute(lanes, _firstRound);
                offset = 0;
            }
        }
        // The tail, shorter than a lane (offset is lane-aligned here and the block has room for it).
        for (int i = 0; i < data.Length; i++)
            lanes[(offset + i) >> 3] ^= (ulong)data[i] << (8 * ((offset + i) & 7));
        _offset = offset + data.Length;
    }

    /// <summary>Squeezes output; the first call pads the input (FIPS 202, Algorithm 8, steps 7-10; section 5.1).</summary>
    internal void Squeeze(Span<byte> output)
    {
        Span<ulong> lanes = _lanes;
        if (!_squeezing)
        {
            lanes[_offset >> 3] ^= (ulong)_suffix << (8 * (_offset & 7));
            lanes[(_rate - 1) >> 3] ^= 0x80UL << (8 * ((_rate - 1) & 7));
            KeccakF1600.Permute(lanes, _firstRound);
            _offset = 0;
            _squeezing = true;
        }
        int offset = _offset;
        while (!output.IsEmpty)
        {
            if (offset == _rate)
            {
                KeccakF1600.Permute(lanes, _firstRound);
                offset = 0;
            }
            if ((offset & 7) == 0 && output.Length >= 8 && offset + 8 <= _rate)
            {
                BinaryPrimitives.WriteUInt64LittleEndian(output, lanes[offset >> 3]);
                offset += 8;
                output = output[8..];
            }
            else
            {
                output[0] = (byte)(lanes[offset >> 3] >> (8 * (offset & 7)));
                offset++;
                output = output[1..];
            }
        }
        _offset = offset;
    }

    /// <summary>True when the lanes and position are all zero (for tests of <see cref="Clear"/>).</summary>
    internal readonly bool IsCleared()
    {
        ReadOnlySpan<ulong> lanes = _lanes;
        ulong any = (uint)(_rate | _offset | _suffix) | (_squeezing ? 1UL : 0UL);
        foreach (ulong lane in lanes) any |= lane;
        return any == 0;
    }

    /// <summary>Zeroes the lanes and the position; the state must be re-created before reuse.</summary>
    internal void Clear()
    {
        CryptographicOperations.ZeroMemory(MemoryMarshal.AsBytes((Span<ulong>)_lanes));
        _rate = 0;
        _offset = 0;
        _suffix = 0;
        _squeezing = false;
    }
}
