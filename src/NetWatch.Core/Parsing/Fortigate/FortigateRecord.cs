namespace NetWatch.Core.Parsing.Fortigate;

/// <summary>The FortiOS keys NetWatch reads, as spans into the line (quotes removed, escapes still in place).</summary>
internal ref struct FortigateRecord
{
    public ReadOnlySpan<char> Date, Time, Tz, EventTime, Type, Subtype, EventType, Action, LogId, Level, DevName, Vd;
    public ReadOnlySpan<char> SrcIp, SrcPort, DstIp, DstPort, Proto, Service, User, UnauthUser, Hostname, Url, Sni;
    public ReadOnlySpan<char> CatDesc, Cat, Profile, PolicyId, App, SessionId, SentByte, RcvdByte, Duration, Msg;
    public ReadOnlySpan<char> HttpMethod, Agent, ReferralUrl, QName, QType, QClass;
    /// <summary>Set when a value that is copied as text had <c>\"</c> escapes.</summary>
    public bool AnyEscaped;

    /// <summary>Keeps the value of a known key; unknown keys are ignored.</summary>
    public void Set(ReadOnlySpan<char> key, ReadOnlySpan<char> value)
    {
        switch (key)
        {
            case "date": Date = value; break;
            case "time": Time = value; break;
            case "tz": Tz = value; break;
            case "eventtime": EventTime = value; break;
            case "type": Type = value; break;
            case "subtype": Subtype = value; break;
            case "eventtype": EventType = value; break;
            case "action": Action = value; break;
            case "logid": LogId = value; break;
            case "level": Level = value; break;
            case "devname": DevName = value; break;
            case "vd": Vd = value; break;
            case "srcip": SrcIp = value; break;
            case "srcport": SrcPort = value; break;
            case "dstip": DstIp = value; break;
            case "dstport": DstPort = value; break;
            case "proto": Proto = value; break;
            case "service": Service = value; break;
            case "user": User = value; break;
            case "unauthuser": UnauthUser = value; break;
            case "hostname": Hostname = value; break;
            case "url": Url = value; break;
            case "sni": Sni = value; break;
            case "catdesc": CatDesc = value; break;
            case "cat": Cat = value; break;
            case "profile": Profile = value; break;
            case "policyid": PolicyId = value; break;
            case "app": App = value; break;
            case "sessionid": SessionId = value; break;
            case "sentbyte": SentByte = value; break;
            case "rcvdbyte": RcvdByte = value; break;
            case "duration": Duration = value; break;
            case "msg": Msg = value; break;
            case "httpmethod": HttpMethod = value; break;
            case "agent": Agent = value; break;
            case "referralurl": ReferralUrl = value; break;
            case "qname": QName = value; break;
            case "qtype": QType = value; break;
            case "qclass": QClass = value; break;
        }
    }
}
