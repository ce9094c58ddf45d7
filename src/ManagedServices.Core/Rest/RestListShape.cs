namespace ManagedServices.Rest;

/// <summary>The JSON shape of a list of resources.</summary>
public enum RestListShape
{
    /// <summary>The REST list response: <c>{ "value": [ … ] }</c>.</summary>
    ValueObject = 0,

    /// <summary>A plain array, as <c>az managedservices definition list</c> prints.</summary>
    Array = 1,
}
