namespace ManagedServices;

/// <summary>Codes of the templates area (<c>MSC2xxx</c>): ARM onboarding templates and JSON documents.</summary>
public static partial class DiagnosticCodes
{
    /// <summary>A JSON document is malformed or nested deeper than the reader allows.</summary>
    public const string JsonMalformed = "MSC2001";

    /// <summary>A JSON document is larger than the reader allows.</summary>
    public const string JsonTooLarge = "MSC2002";

    /// <summary>A JSON object has the same property twice (names compared case-insensitively, as ARM does).</summary>
    public const string JsonDuplicateProperty = "MSC2003";

    /// <summary>A JSON value has the wrong type (for example a number where a string is required).</summary>
    public const string JsonUnexpectedType = "MSC2004";

    /// <summary>A template expression is malformed or uses a function outside the supported subset.</summary>
    public const string TemplateExpressionUnsupported = "MSC2005";

    /// <summary>A template exceeds an evaluation limit (expression length or nesting, copy count, evaluation budget).</summary>
    public const string TemplateLimitExceeded = "MSC2006";

    /// <summary>A template parameter has no value and no default value.</summary>
    public const string TemplateParameterMissing = "MSC2007";

    /// <summary>A template parameter value is not one of its <c>allowedValues</c>, or does not match its declared type.</summary>
    public const string TemplateParameterInvalid = "MSC2008";

    /// <summary>A parameters file or override gives a value for a parameter the template does not declare.</summary>
    public const string TemplateParameterUnknown = "MSC2009";

    /// <summary>A template value that must be a GUID is not one (often a placeholder such as <c>&lt;insert managing tenant id&gt;</c>).</summary>
    public const string TemplateValueNotGuid = "MSC2010";

    /// <summary>The requested api-version cannot carry a feature the manifest uses (eligible authorizations, approvers).</summary>
    public const string ApiVersionTooOld = "MSC2011";

    /// <summary>An api-version of <c>Microsoft.ManagedServices</c> is not one this library knows.</summary>
    public const string ApiVersionUnknown = "MSC2012";

    /// <summary>A template uses a feature under an api-version whose schema lacks it (as some Microsoft samples do).</summary>
    public const string ApiVersionFeatureMismatch = "MSC2013";

    /// <summary>A template declares no <c>Microsoft.ManagedServices/registrationDefinitions</c> resource.</summary>
    public const string TemplateHasNoDelegation = "MSC2014";

    /// <summary>The template is an Azure Policy management-group template that onboards subscriptions through <c>deployIfNotExists</c>.</summary>
    public const string TemplateIsManagementGroupPolicy = "MSC2015";

    /// <summary>A member the reader does not know was ignored.</summary>
    public const string JsonUnknownMember = "MSC2016";

    /// <summary>An onboarding target is invalid (no resource group, a malformed or repeated resource group name).</summary>
    public const string OnboardingTargetInvalid = "MSC2017";

    /// <summary>The delegations in a template are inconsistent (definitions that differ, an assignment of an unknown definition).</summary>
    public const string TemplateInconsistent = "MSC2018";

    /// <summary><c>subscription()</c> was evaluated without a known subscription; a placeholder was used.</summary>
    public const string TemplateSubscriptionUnknown = "MSC2019";

    /// <summary>The manifest holds something no ARM template can carry (delegated roles on an eligible authorization).</summary>
    public const string TemplateCannotCarry = "MSC2020";

    /// <summary>A JSON document declares a <c>schemaVersion</c> this library cannot read.</summary>
    public const string DocumentSchemaVersionUnsupported = "MSC2021";

    /// <summary>A registration definition that no registration assignment (with a true <c>condition</c>) references: it grants nothing.</summary>
    public const string TemplateDefinitionNotAssigned = "MSC2024";

    /// <summary>A registration assignment references a definition this template does not create: offline it grants nothing.</summary>
    public const string TemplateAssignmentDefinitionNotFound = "MSC2025";

    /// <summary>A nested deployment or resource the reader cannot place offline (another subscription, a linked template, an explicit <c>scope</c>).</summary>
    public const string TemplateDeploymentUnsupported = "MSC2026";

    /// <summary>A property copy loop (ARM property iteration) is malformed or outside the supported places.</summary>
    public const string TemplatePropertyCopyUnsupported = "MSC2027";

    /// <summary>A template creates the same registration definition, or the same registration assignment at one scope, twice.</summary>
    public const string TemplateResourceDuplicated = "MSC2028";

    /// <summary>The output format holds one registration definition and the input has several different ones: converting would drop some.</summary>
    public const string ConversionWouldDropDefinitions = "MSC2029";

    /// <summary>
    /// A registration definition is not created at subscription scope: it is in a nested resource-group deployment, or
    /// in a template with the resource-group deployment schema. ARM refuses it with <c>InvalidRegistrationDefinitionUri</c>.
    /// </summary>
    public const string RegistrationDefinitionNotAtSubscription = "MSC2045";
}
