namespace NoFuture.Sessions;

/// <summary>
/// A party's address as libsignal names it (a <c>ProtocolAddress</c> whose name is a ServiceId): an ACI or PNI UUID
/// and a device id (1 to 127). When both ends of a session have addresses, the first messages carry them in the
/// <c>addresses</c> field of libsignal's SignalMessage, and a receiver rejects a message addressed to someone else.
/// </summary>
public readonly struct SessionAddress : IEquatable<SessionAddress>
{
    /// <summary>Creates an address.</summary>
    /// <param name="serviceId">The account's UUID (ACI) or phone-number identity (PNI).</param>
    /// <param name="deviceId">The device id, 1 to 127 as in libsignal.</param>
    /// <param name="isPni">True for a PNI, false for an ACI.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="deviceId"/> is outside 1 to 127.</exception>
    public SessionAddress(Guid serviceId, byte deviceId, bool isPni = false)
    {
        if (deviceId is < 1 or > 127) SessionThrowHelper.OutOfRange(nameof(deviceId), 1, 127);
        ServiceId = serviceId;
        DeviceId = deviceId;
        IsPni = isPni;
    }

    /// <summary>The ACI or PNI UUID.</summary>
    public Guid ServiceId { get; }

    /// <summary>The device id (1 to 127).</summary>
    public byte DeviceId { get; }

    /// <summary>Whether <see cref="ServiceId"/> is a PNI (libsignal's "PNI:" prefix) rather than an ACI.</summary>
    public bool IsPni { get; }

    /// <summary>libsignal's fixed-width binary ServiceId: a kind byte (0 ACI, 1 PNI) and the UUID's 16 bytes.</summary>
    internal void WriteFixedWidth(Span<byte> destination)
    {
        destination[0] = IsPni ? (byte)1 : (byte)0;
        ServiceId.TryWriteBytes(destination[1..17], bigEndian: true, out _);
    }

    /// <summary>libsignal's name for the address: the ServiceId string (<c>PNI:</c> prefix for a PNI) and the device.</summary>
    public override string ToString() => $"{(IsPni ? "PNI:" : "")}{ServiceId:D}.{DeviceId}";

    /// <inheritdoc/>
    public bool Equals(SessionAddress other) => ServiceId == other.ServiceId && DeviceId == other.DeviceId && IsPni == other.IsPni;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is SessionAddress other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(ServiceId, DeviceId, IsPni);

    /// <summary>Whether two addresses are equal.</summary>
    public static bool operator ==(SessionAddress left, SessionAddress right) => left.Equals(right);

    /// <summary>Whether two addresses differ.</summary>
    public static bool operator !=(SessionAddress left, SessionAddress right) => !left.Equals(right);
}
