namespace NetWatch.Core.Events;

/// <summary>A 128-bit event id, printed as 32 lower-case hex digits.</summary>
public readonly record struct EventId(UInt128 Value)
{
    public override string ToString() => Value.ToString("x32");

    public Guid ToGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt128BigEndian(bytes, Value);
        return new Guid(bytes, bigEndian: true);
    }

    public static EventId FromGuid(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return new EventId(System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(bytes));
    }

    public static bool TryParse(string text, out EventId id)
    {
        var ok = UInt128.TryParse(text, System.Globalization.NumberStyles.HexNumber, null, out var v);
        id = new EventId(v);
        return ok && text.Length == 32;
    }
}
