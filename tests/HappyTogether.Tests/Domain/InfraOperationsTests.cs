using System.Reflection;
using System.Text.Json;
using HappyTogether.Functions;
using Microsoft.Azure.Functions.Worker;

namespace HappyTogether.Tests.Domain;

/// <summary>
/// What the template tells the operator: alerts on the app's metrics (issue 29's contract), the health availability
/// test, the workbook, diagnostic settings, the budget, and Key Vault's purge protection and optional API key secret.
/// </summary>
public class InfraOperationsTests
{
    private static readonly Lazy<JsonElement> Template = new(InfraTests.Compiled);

    /// <summary>The main template's own resources (an array, or an object in language version 2).</summary>
    private static IEnumerable<JsonElement> TopLevel()
    {
        var resources = Template.Value.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Object ? resources.EnumerateObject().Select(p => p.Value) : resources.EnumerateArray();
    }

    /// <summary>The metrics the app records (issue 29 contract) and the tags each carries.</summary>
    private static readonly Dictionary<string, string[]> ContractMetrics = new()
    {
        ["scheduler.ticks"] = [],
        ["outbound.poisoned"] = [],
        ["texts.sent"] = ["kind"],
        ["texts.status"] = ["status"],
        ["texts.errors"] = ["code", "class"],
        ["replies.answers"] = [],
        ["replies.optouts"] = [],
        ["webhook.rejected"] = ["reason"],
        ["signup.limit"] = ["limit"],
        ["partners.unreachable"] = [],
        ["retention.deleted"] = [],
    };

    private static string Type(JsonElement r) => r.GetProperty("type").GetString()!;

    private static JsonElement Module(string name) =>
        TopLevel()
            .Single(r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == name)
            .GetProperty("properties").GetProperty("template");

    private static JsonElement Single(string type) => InfraTests.Resources(Template.Value).Single(r => Type(r) == type);

    private static Dictionary<string, JsonElement> Rules() =>
        Module("alerts").GetProperty("variables").GetProperty("rules").EnumerateArray()
            .ToDictionary(r => r.GetProperty("name").GetString()!);

    /// <summary>What main.bicep passes the alerts module as the host name the availability test calls.</summary>
    private static string FunctionAppHostNameArgument() =>
        TopLevel()
            .Single(r => Type(r) == "Microsoft.Resources/deployments" && r.GetProperty("name").GetString() == "alerts")
            .GetProperty("properties").GetProperty("parameters").GetProperty("functionAppHostName").GetProperty("value").GetString()!;

    private static IEnumerable<string> FunctionNames() =>
        typeof(SchedulerTimer).Assembly.GetTypes().SelectMany(t => t.GetMethods())
            .Select(m => m.GetCustomAttribute<FunctionAttribute>()?.Name).OfType<string>();

    [Fact]
    public void Every_resource_type_in_the_template_is_one_these_tests_know()
    {
        string[] known =
        [
            "Microsoft.Resources/resourceGroups", "Microsoft.Resources/deployments", "Microsoft.ManagedIdentity/userAssignedIdentities",
            "Microsoft.OperationalInsights/workspaces", "Microsoft.Insights/components", "Microsoft.Storage/storageAccounts",
            "Microsoft.Storage/storageAccounts/blobServices", "Microsoft.Storage/storageAccounts/blobServices/containers",
            "Microsoft.KeyVault/vaults", "Microsoft.KeyVault/vaults/secrets", "Microsoft.Authorization/roleAssignments",
            "Microsoft.Web/serverfarms", "Microsoft.Web/sites", "Microsoft.Web/sites/basicPublishingCredentialsPolicies", "Microsoft.Web/sites/config",
            "Microsoft.Insights/actionGroups", "Microsoft.Insights/scheduledQueryRules", "Microsoft.Insights/webtests", "Microsoft.Insights/metricAlerts",
            "Microsoft.Insights/workbooks", "Microsoft.Insights/diagnosticSettings", "Microsoft.Consumption/budgets",
        ];
        Assert.Equal(known.Order(), InfraTests.Resources(Template.Value).Select(Type).Distinct().Order());
    }

    [Fact]
    public void Each_alert_counts_the_contract_metric_it_is_about_with_its_threshold()
    {
        var rules = Rules();
        // rule -> (metric or table it reads, aggregation, operator, threshold, window)
        var expected = new Dictionary<string, (string Source, string Aggregation, string Operator, string Threshold, string Window)>
        {
            ["scheduler-heartbeat"] = ("scheduler.ticks", "Count", "LessThan", "1", "PT15M"),
            ["poison-queue"] = ("outbound.poisoned", "Maximum", "GreaterThan", "0", "PT15M"),
            ["failed-executions"] = ("requests", "Count", "GreaterThan", "0", "PT15M"),
            ["texts-filtered-or-unregistered"] = ("texts.errors", "Total", "GreaterThan", "0", "PT1H"),
            ["texts-unreachable"] = ("texts.errors", "Total", "GreaterThan", "[parameters('unreachableThreshold')]", "PT1H"),
            ["webhook-rejections"] = ("webhook.rejected", "Total", "GreaterThan", "[parameters('webhookRejectedThreshold')]", "PT15M"),
            ["signup-limit"] = ("signup.limit", "Total", "GreaterThan", "0", "PT1H"),
        };
        Assert.Equal(expected.Keys.Order(), rules.Keys.Order());
        foreach (var (name, want) in expected)
        {
            var rule = rules[name];
            var query = rule.GetProperty("query").GetString()!;
            Assert.Contains(want.Source == "requests" ? "requests\n" : $"name == \"{want.Source}\"", query);
            Assert.Equal(want.Aggregation, rule.GetProperty("timeAggregation").GetString());
            Assert.Equal(want.Operator, rule.GetProperty("operator").GetString());
            Assert.Equal(want.Threshold, rule.GetProperty("threshold").ToString());
            Assert.Equal(want.Window, rule.GetProperty("windowSize").GetString());
            // A measure column must be one the query projects.
            if (rule.GetProperty("metricMeasureColumn").ValueKind == JsonValueKind.String)
                Assert.Contains($"{rule.GetProperty("metricMeasureColumn").GetString()} = ", query);
        }

        // Every metric and tag a query names is one the app records.
        foreach (var query in rules.Values.Select(r => r.GetProperty("query").GetString()!))
        {
            foreach (var metric in System.Text.RegularExpressions.Regex.Matches(query, "name == \"([^\"]+)\"").Select(m => m.Groups[1].Value))
                Assert.True(ContractMetrics.ContainsKey(metric), $"{metric} is not a metric the app records");
            foreach (var tag in System.Text.RegularExpressions.Regex.Matches(query, "customDimensions\\[\"([^\"]+)\"\\]").Select(m => m.Groups[1].Value))
                Assert.Contains(tag, ContractMetrics.Values.SelectMany(t => t));
        }
    }

    [Fact]
    public void The_heartbeat_fires_on_no_rows_and_the_error_alerts_split_as_the_operator_needs()
    {
        var rules = Rules();
        // Count without a measure column counts rows: a scheduler that never ticks gives no rows, so 0 < 1 fires.
        Assert.Equal(JsonValueKind.Null, rules["scheduler-heartbeat"].GetProperty("metricMeasureColumn").ValueKind);
        Assert.Empty(rules["scheduler-heartbeat"].GetProperty("dimensions").EnumerateArray());
        string[] Dimensions(string rule) => rules[rule].GetProperty("dimensions").EnumerateArray().Select(d => d.GetProperty("name").GetString()!).ToArray();
        Assert.Equal(["operation_Name"], Dimensions("failed-executions"));
        Assert.Equal(["ErrorClass", "ErrorCode"], Dimensions("texts-filtered-or-unregistered"));
        Assert.Equal(["Limit"], Dimensions("signup-limit"));
        Assert.Contains("ErrorClass in (\"filtered\", \"unregistered\")", rules["texts-filtered-or-unregistered"].GetProperty("query").GetString());
        Assert.Contains("== \"unreachable\"", rules["texts-unreachable"].GetProperty("query").GetString());

        var alert = Single("Microsoft.Insights/scheduledQueryRules");
        Assert.Equal("[length(variables('rules'))]", alert.GetProperty("copy").GetProperty("count").GetString());
        var properties = alert.GetProperty("properties");
        Assert.Contains("applicationInsightsId", properties.GetProperty("scopes")[0].GetString());
        Assert.True(properties.GetProperty("autoMitigate").GetBoolean());
        Assert.Contains("Microsoft.Insights/actionGroups", properties.GetProperty("actions").GetProperty("actionGroups")[0].GetString());
        var group = Single("Microsoft.Insights/actionGroups").GetProperty("properties");
        Assert.Equal("[parameters('alertEmail')]", group.GetProperty("emailReceivers")[0].GetProperty("emailAddress").GetString());
        Assert.True(group.GetProperty("groupShortName").GetString()!.Length <= 12);
    }

    [Fact]
    public void A_standard_availability_test_expects_200_from_the_health_route_and_has_an_alert()
    {
        var test = Single("Microsoft.Insights/webtests");
        Assert.Equal("standard", test.GetProperty("kind").GetString());
        var properties = test.GetProperty("properties");
        Assert.Equal("[format('https://{0}/api/health', parameters('functionAppHostName'))]", properties.GetProperty("Request").GetProperty("RequestUrl").GetString());
        Assert.Equal("GET", properties.GetProperty("Request").GetProperty("HttpVerb").GetString());
        Assert.Equal(200, properties.GetProperty("ValidationRules").GetProperty("ExpectedHttpStatusCode").GetInt32());
        // The hidden-link tag ties the test to its Application Insights resource.
        Assert.Contains("hidden-link:", test.GetProperty("tags").GetString());
        var alert = Single("Microsoft.Insights/metricAlerts").GetProperty("properties");
        Assert.Equal("Microsoft.Azure.Monitor.WebtestLocationAvailabilityCriteria", alert.GetProperty("criteria").GetProperty("odata.type").GetString());
        Assert.Contains("Microsoft.Insights/webtests", alert.GetProperty("criteria").GetProperty("webTestId").GetString());
        // The test calls the function app's own default host name.
        Assert.Contains("'functionapp'", FunctionAppHostNameArgument());
        Assert.Contains("defaultHostName", FunctionAppHostNameArgument());
    }

    [Fact]
    public void The_workbook_shows_the_contract_metrics_and_webhook_latency_in_counts_only()
    {
        var path = Path.Combine(InfraTests.Root, "infra", "workbook.json");
        using var workbook = JsonDocument.Parse(File.ReadAllText(path));
        var queries = workbook.RootElement.GetProperty("items").EnumerateArray()
            .Where(i => i.GetProperty("type").GetInt32() == 3)
            .Select(i => i.GetProperty("content").GetProperty("query").GetString()!).ToList();
        var all = string.Join("\n", queries);
        foreach (var metric in new[] { "texts.sent", "texts.status", "texts.errors", "replies.answers", "replies.optouts", "outbound.poisoned" })
            Assert.Contains($"\"{metric}\"", all);
        Assert.Contains(queries, q => q.Contains("percentile(duration, 95)"));
        // Counts only: every query aggregates; none lists raw rows or the custom dimensions whole.
        Assert.All(queries, q => Assert.Contains("summarize", q));
        Assert.DoesNotContain("tostring(customDimensions)", all);
        // The webhook p95 names real functions: the Functions project's [Function] names for the two Twilio webhooks.
        var names = FunctionNames().ToHashSet();
        foreach (var function in System.Text.RegularExpressions.Regex.Match(all, "operation_Name in \\(([^)]*)\\)").Groups[1].Value.Split(','))
            Assert.Contains(function.Trim().Trim('"'), names);
        Assert.Contains("\"__APPLICATION_INSIGHTS_ID__\"", File.ReadAllText(path));
        Assert.Contains("loadTextContent('../workbook.json')", File.ReadAllText(Path.Combine(InfraTests.Root, "infra", "modules", "workbook.bicep")));
        var resource = Single("Microsoft.Insights/workbooks");
        Assert.Equal("shared", resource.GetProperty("kind").GetString());
        Assert.Equal("[variables('serialized')]", resource.GetProperty("properties").GetProperty("serializedData").GetString());
        Assert.Contains("__APPLICATION_INSIGHTS_ID__", Module("workbook").GetProperty("variables").GetProperty("serialized").GetString());
    }

    [Fact]
    public void Diagnostic_settings_send_app_logs_and_key_vault_audit_to_the_workspace_and_a_budget_warns_by_email()
    {
        var settings = InfraTests.Resources(Template.Value).Where(r => Type(r) == "Microsoft.Insights/diagnosticSettings").ToList();
        var categories = settings.SelectMany(s => s.GetProperty("properties").GetProperty("logs").EnumerateArray())
            .Select(l => l.GetProperty("category").GetString()).Order();
        Assert.Equal(["AuditEvent", "FunctionAppLogs"], categories);
        Assert.All(settings, s => Assert.Equal("[parameters('workspaceId')]", s.GetProperty("properties").GetProperty("workspaceId").GetString()));

        var budget = Single("Microsoft.Consumption/budgets").GetProperty("properties");
        Assert.Equal("[parameters('amount')]", budget.GetProperty("amount").GetString());
        Assert.Equal("Monthly", budget.GetProperty("timeGrain").GetString());
        foreach (var notification in budget.GetProperty("notifications").EnumerateObject())
            Assert.Equal("[parameters('alertEmail')]", notification.Value.GetProperty("contactEmails")[0].GetString());
        var main = Template.Value.GetProperty("parameters");
        Assert.Equal("int", main.GetProperty("monthlyBudget").GetProperty("type").GetString());
        Assert.Equal(3, main.GetProperty("alertEmail").GetProperty("minLength").GetInt32());
    }

    [Fact]
    public void Key_vault_has_purge_protection_and_the_api_key_secret_only_when_given()
    {
        var vault = InfraTests.Resources(Template.Value).Single(r => Type(r) == "Microsoft.KeyVault/vaults" && r.TryGetProperty("location", out _));
        Assert.True(vault.GetProperty("properties").GetProperty("enablePurgeProtection").GetBoolean());
        var secret = InfraTests.Resources(Template.Value).Single(r => Type(r) == "Microsoft.KeyVault/vaults/secrets" && r.GetProperty("name").GetString()!.Contains("twilio-api-key-secret"));
        Assert.Equal("[parameters('createApiKeySecret')]", secret.GetProperty("condition").GetString());
        Assert.Equal("securestring", Template.Value.GetProperty("parameters").GetProperty("twilioApiKeySecret").GetProperty("type").GetString());

        var settings = Single("Microsoft.Web/sites/config").GetProperty("properties");
        Assert.Contains("@Microsoft.KeyVault(SecretUri=", settings.GetProperty("TwilioApiKeySecret").GetString());
        Assert.Contains("empty(parameters('twilioApiKeySecretUri'))", settings.GetProperty("TwilioApiKeySecret").GetString());
        Assert.Equal("[parameters('twilioApiKeySid')]", settings.GetProperty("TwilioApiKeySid").GetString());
        Assert.Equal("[string(parameters('retentionDays'))]", settings.GetProperty("RetentionDays").GetString());
        Assert.Equal("[string(parameters('unreachableDays'))]", settings.GetProperty("UnreachableDays").GetString());
        var main = Template.Value.GetProperty("parameters");
        Assert.Equal(90, main.GetProperty("retentionDays").GetProperty("defaultValue").GetInt32());
        Assert.Equal(3, main.GetProperty("unreachableDays").GetProperty("defaultValue").GetInt32());

        // The operator's read access to secrets (for the hooks and the verify script) is optional and least privilege.
        var operatorRole = InfraTests.Resources(Template.Value)
            .Single(r => Type(r) == "Microsoft.Authorization/roleAssignments" && r.GetProperty("name").GetString()!.Contains("operatorPrincipalId"));
        Assert.Equal("[not(empty(parameters('operatorPrincipalId')))]", operatorRole.GetProperty("condition").GetString());
        Assert.Contains("keyVaultSecretsUser", operatorRole.GetProperty("properties").GetProperty("roleDefinitionId").GetString());
    }

    [Fact]
    public void Every_new_parameter_comes_from_the_azd_environment()
    {
        using var file = JsonDocument.Parse(File.ReadAllText(Path.Combine(InfraTests.Root, "infra", "main.parameters.json")));
        var mapped = file.RootElement.GetProperty("parameters").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetProperty("value").GetString()!);
        var expected = new Dictionary<string, string>
        {
            ["alertEmail"] = "${ALERT_EMAIL}",
            ["monthlyBudget"] = "${MONTHLY_BUDGET=20}",
            ["operatorPrincipalId"] = "${AZURE_PRINCIPAL_ID=}",
            ["twilioApiKeySid"] = "${TWILIO_API_KEY_SID=}",
            ["twilioApiKeySecret"] = "${TWILIO_API_KEY_SECRET=}",
            ["twilioSenderMessagesPerSecond"] = "${TWILIO_SENDER_MPS=1}",
            ["sendRatePerSecond"] = "${SEND_RATE_PER_SECOND=1}",
            ["maximumInstanceCount"] = "${MAXIMUM_INSTANCE_COUNT=40}",
            ["retentionDays"] = "${RETENTION_DAYS=90}",
            ["unreachableDays"] = "${UNREACHABLE_DAYS=3}",
        };
        foreach (var (name, value) in expected) Assert.Equal(value, mapped[name]);
        // Every mapped parameter exists in the template.
        var parameters = Template.Value.GetProperty("parameters");
        Assert.All(mapped.Keys, name => Assert.True(parameters.TryGetProperty(name, out _), name));
    }
}
