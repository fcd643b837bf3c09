// RFC 9420 §8.4 ResumptionPSKUsage (uint8): reserved(0), application(1), reinit(2), branch(3). The RFC opens no
// registry for it, so a value outside these three can never be a valid PSK (§8.6 checks the usage) and is refused at
// decode (InvalidValue) rather than carried.
namespace NoFuture.Mls.KeySchedule;

internal enum ResumptionPskUsage : byte
{
    Application = 1,
    Reinit = 2,
    Branch = 3,
}
