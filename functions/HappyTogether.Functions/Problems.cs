using Microsoft.AspNetCore.Mvc;

namespace HappyTogether.Functions;

/// <summary>RFC 9457 problem-details answers that name the field at fault.</summary>
public static class Problems
{
    public static ObjectResult BadRequest(string field, string detail) =>
        Result(400, "The request is not valid.", detail, field);

    public static ObjectResult Conflict(string field, string detail) =>
        Result(409, "The request conflicts with an enrolled couple.", detail, field);

    public static ObjectResult NotFound(string id) =>
        Result(404, "No such couple.", $"No couple has the id '{id}'.", null);

    private static ObjectResult Result(int status, string title, string detail, string? field)
    {
        var problem = field is null
            ? new ProblemDetails()
            : new ValidationProblemDetails(new Dictionary<string, string[]> { [field] = [detail] });
        problem.Status = status;
        problem.Title = title;
        problem.Detail = detail;
        if (field is not null) problem.Extensions["field"] = field;
        var result = new ObjectResult(problem) { StatusCode = status };
        result.ContentTypes.Add("application/problem+json");
        return result;
    }
}
