// libsignal's 1:1 wire messages (rust/protocol/src/proto/wire.proto and protocol.rs, libsignal 0.103):
//   SignalMessage        = version ‖ protobuf{1 ratchet_key, 2 counter, 3 previous_counter, 4 ciphertext, 5 pq_ratchet,
//                          6 addresses} ‖ MAC[8], MAC = HMAC-SHA256(mac key, sender identity (33) ‖ receiver identity
//                          (33) ‖ version ‖ protobuf) truncated to 8 bytes
//   PreKeySignalMessage  = version ‖ protobuf{1 pre_key_id, 2 base_key, 3 identity_key, 4 message (a whole
//                          SignalMessage), 5 registration_id, 6 signed_pre_key_id, 7 kyber_pre_key_id, 8 kyber_ciphertext}
// version = (4 << 4) | 4 (PQXDH sessions; 3 was X3DH without a KEM and is refused). Fields are written in the order
// libsignal's encoder (prost) writes them, by field number, whatever the .proto's declaration order; pq_ratchet and
// addresses only when present, as libsignal does. The result is byte-for-byte what libsignal writes.
// Public keys travel in libsignal's serialized form: a type byte (0x05 for Curve25519) and the 32-byte key.
// Parsing is strict where libsignal is: required fields present, keys exactly 33 bytes with type 0x05.
using System.Buffers.Binary;

namespace NoFuture.Sessions.Protocol;

internal static class WireFormat
{
    internal const byte CurrentVersion = 4;
    internal const byte VersionByte = (CurrentVersion << 4) | CurrentVersion;
    internal const byte DjbType = 0x05;
    internal const int PublicKeySize = 33, MacSize = 8, AddressesSize = 36;

    /// <summary>A SignalMessage's fields as offsets into the message bytes (nothing copied).</summary>
    internal readonly struct SignalMessageView
    {
        internal int RatchetKey { get; init; }
        internal uint Counter { get; init; }
        internal uint PreviousCounter { get; init; }
        internal Range Ciphertext { get; init; }
        internal Range PqRatchet { get; init; }
        internal Range Addresses { get; init; }
        internal bool HasAddresses { get; init; }
    }

    /// <summary>A PreKeySignalMessage's fields; <see cref="Message"/> is the embedded SignalMessage's range.</summary>
    internal readonly struct PreKeyMessageView
    {
        internal uint RegistrationId { get; init; }
        internal bool HasPreKeyId { get; init; }
        internal uint PreKeyId { get; init; }
        internal uint SignedPreKeyId { get; init; }
        internal uint KyberPreKeyId { get; init; }
        internal Range KyberCiphertext { get; init; }
        internal int BaseKey { get; init; }
        internal int IdentityKey { get; init; }
        internal Range Message { get; init; }
    }

    /// <summary>Whether <paramref name="message"/> looks like a PreKeySignalMessage rather than a SignalMessage.
    /// libsignal's encoder (prost) writes fields in field-number order: a SignalMessage always starts with its ratchet
    /// key (field 1, bytes: tag 0x0A), a PreKeySignalMessage with pre_key_id (field 1, varint: 0x08) or base_key
    /// (field 2: 0x12).</summary>
    internal static bool IsPreKeyMessage(ReadOnlySpan<byte> message) => message.Length > 1 && message[1] != ((1 << 3) | 2);

    internal static int SignalMessageSize(int ciphertextLength, int pqLength, bool addresses, uint counter, uint previousCounter) =>
        1 + ProtobufWriter.BytesFieldSize(1, PublicKeySize) + ProtobufWriter.UInt32FieldSize(2, counter) +
        ProtobufWriter.UInt32FieldSize(3, previousCounter) + ProtobufWriter.BytesFieldSize(4, ciphertextLength) +
        (pqLength > 0 ? ProtobufWriter.BytesFieldSize(5, pqLength) : 0) +
        (addresses ? ProtobufWriter.BytesFieldSize(6, AddressesSize) : 0) + MacSize;

    /// <summary>Writes everything but the MAC and returns the ciphertext's offset (the caller encrypts into it).</summary>
    internal static int WriteSignalMessageHeader(Span<byte> destination, ReadOnlySpan<byte> ratchetPublicKey, uint counter,
        uint previousCounter, int ciphertextLength, ReadOnlySpan<byte> pqRatchet, ReadOnlySpan<byte> addresses, out Range tail)
    {
        var w = new ProtobufWriter(destination);
        w.Byte(VersionByte);
        w.BytesFieldHeader(1, PublicKeySize);
        w.Byte(DjbType);
        ratchetPublicKey.CopyTo(destination[w.Written..]);
        var w2 = new ProtobufWriter(destination[(w.Written + 32)..]);
        w2.UInt32Field(2, counter);
        w2.UInt32Field(3, previousCounter);
        w2.BytesFieldHeader(4, ciphertextLength);
        int ciphertextOffset = w.Written + 32 + w2.Written;
        var w3 = new ProtobufWriter(destination[(ciphertextOffset + ciphertextLength)..]);
        if (!pqRatchet.IsEmpty) w3.BytesField(5, pqRatchet);
        if (!addresses.IsEmpty) w3.BytesField(6, addresses);
        int end = ciphertextOffset + ciphertextLength + w3.Written;
        tail = end..(end + MacSize);
        return ciphertextOffset;
    }

    internal static bool TryParseSignalMessage(ReadOnlySpan<byte> message, out SignalMessageView view, out bool versionOk)
    {
        view = default;
        versionOk = false;
        if (message.Length < 1 + MacSize) return false;
        versionOk = message[0] == VersionByte;
        if (!versionOk) return true;
        ReadOnlySpan<byte> body = message[1..^MacSize];
        var r = new ProtobufReader(body);
        int ratchetKey = -1;
        uint counter = 0, previous = 0;
        bool hasCounter = false, hasCiphertext = false, hasPq = false, hasAddresses = false;
        Range ciphertext = default, pq = default, addresses = default;
        while (!r.AtEnd)
        {
            if (!r.Next(out int field, out int type, out ulong value, out int offset, out int length)) return false;
            offset += 1; // offsets into the whole message
            switch (field)
            {
                case 1 when type == 2:
                    if (length != PublicKeySize || message[offset] != DjbType) return false;
                    ratchetKey = offset + 1;
                    break;
                case 2 when type == 0:
                    if (value > uint.MaxValue) return false;
                    counter = (uint)value;
                    hasCounter = true;
                    break;
                case 3 when type == 0:
                    if (value > uint.MaxValue) return false;
                    previous = (uint)value;
                    break;
                case 4 when type == 2:
                    ciphertext = offset..(offset + length);
                    hasCiphertext = true;
                    break;
                case 5 when type == 2:
                    pq = offset..(offset + length);
                    hasPq = true;
                    break;
                case 6 when type == 2:
                    addresses = offset..(offset + length);
                    hasAddresses = true;
                    break;
                case 1 or 2 or 3 or 4 or 5 or 6:
                    return false; // a known field with the wrong wire type
                default:
                    break;
            }
        }
        if (ratchetKey < 0 || !hasCounter || !hasCiphertext) return false;
        view = new SignalMessageView
        {
            RatchetKey = ratchetKey,
            Counter = counter,
            PreviousCounter = previous,
            Ciphertext = ciphertext,
            PqRatchet = hasPq ? pq : 0..0,
            Addresses = addresses,
            HasAddresses = hasAddresses,
        };
        return true;
    }

    internal static int PreKeyMessageSize(uint registrationId, uint? preKeyId, uint signedPreKeyId, uint kyberPreKeyId,
        int kyberCiphertextLength, int signalMessageLength) =>
        1 + ProtobufWriter.UInt32FieldSize(5, registrationId) + (preKeyId is uint p ? ProtobufWriter.UInt32FieldSize(1, p) : 0) +
        ProtobufWriter.UInt32FieldSize(6, signedPreKeyId) + ProtobufWriter.UInt32FieldSize(7, kyberPreKeyId) +
        ProtobufWriter.BytesFieldSize(8, kyberCiphertextLength) + 2 * ProtobufWriter.BytesFieldSize(2, PublicKeySize) +
        ProtobufWriter.BytesFieldSize(4, signalMessageLength);

    internal static void WritePreKeyMessage(Span<byte> destination, uint registrationId, uint? preKeyId, uint signedPreKeyId,
        uint kyberPreKeyId, ReadOnlySpan<byte> kyberCiphertext, ReadOnlySpan<byte> baseKey, ReadOnlySpan<byte> identityKey,
        ReadOnlySpan<byte> signalMessage)
    {
        var w = new ProtobufWriter(destination);
        w.Byte(VersionByte);
        if (preKeyId is uint p) w.UInt32Field(1, p);
        w.BytesFieldHeader(2, PublicKeySize);
        w.Byte(DjbType);
        foreach (byte b in baseKey) w.Byte(b);
        w.BytesFieldHeader(3, PublicKeySize);
        w.Byte(DjbType);
        foreach (byte b in identityKey) w.Byte(b);
        w.BytesField(4, signalMessage);
        w.UInt32Field(5, registrationId);
        w.UInt32Field(6, signedPreKeyId);
        w.UInt32Field(7, kyberPreKeyId);
        w.BytesField(8, kyberCiphertext);
    }

    internal static bool TryParsePreKeyMessage(ReadOnlySpan<byte> message, out PreKeyMessageView view, out bool versionOk)
    {
        view = default;
        versionOk = false;
        if (message.Length < 2) return false;
        versionOk = message[0] == VersionByte;
        if (!versionOk) return true;
        var r = new ProtobufReader(message[1..]);
        uint registrationId = 0, preKeyId = 0, signedPreKeyId = 0, kyberPreKeyId = 0;
        bool hasPreKey = false, hasSigned = false, hasKyberId = false, hasKyberCt = false, hasMessage = false;
        int baseKey = -1, identityKey = -1;
        Range kyberCt = default, inner = default;
        while (!r.AtEnd)
        {
            if (!r.Next(out int field, out int type, out ulong value, out int offset, out int length)) return false;
            offset += 1;
            if (type == 0 && value > uint.MaxValue) return false;
            switch (field)
            {
                case 5 when type == 0: registrationId = (uint)value; break;
                case 1 when type == 0: preKeyId = (uint)value; hasPreKey = true; break;
                case 6 when type == 0: signedPreKeyId = (uint)value; hasSigned = true; break;
                case 7 when type == 0: kyberPreKeyId = (uint)value; hasKyberId = true; break;
                case 8 when type == 2: kyberCt = offset..(offset + length); hasKyberCt = true; break;
                case 2 when type == 2:
                    if (length != PublicKeySize || message[offset] != DjbType) return false;
                    baseKey = offset + 1;
                    break;
                case 3 when type == 2:
                    if (length != PublicKeySize || message[offset] != DjbType) return false;
                    identityKey = offset + 1;
                    break;
                case 4 when type == 2: inner = offset..(offset + length); hasMessage = true; break;
                case >= 1 and <= 8: return false;
                default: break;
            }
        }
        // libsignal: base key, identity key, message and signed prekey id are required; a version-4 message must carry
        // both the KEM prekey id and ciphertext.
        if (baseKey < 0 || identityKey < 0 || !hasMessage || !hasSigned || !hasKyberId || !hasKyberCt) return false;
        view = new PreKeyMessageView
        {
            RegistrationId = registrationId,
            HasPreKeyId = hasPreKey,
            PreKeyId = preKeyId,
            SignedPreKeyId = signedPreKeyId,
            KyberPreKeyId = kyberPreKeyId,
            KyberCiphertext = kyberCt,
            BaseKey = baseKey,
            IdentityKey = identityKey,
            Message = inner,
        };
        return true;
    }

    /// <summary>libsignal's addresses field: sender service id (17, fixed width) ‖ device ‖ recipient (17) ‖ device.</summary>
    internal static void WriteAddresses(Span<byte> destination, SessionAddress sender, SessionAddress recipient)
    {
        sender.WriteFixedWidth(destination[..17]);
        destination[17] = sender.DeviceId;
        recipient.WriteFixedWidth(destination[18..35]);
        destination[35] = recipient.DeviceId;
    }

    internal static uint ReadUInt32(ReadOnlySpan<byte> source) => BinaryPrimitives.ReadUInt32LittleEndian(source);
}
