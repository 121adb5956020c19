import CustomsTestSupport
import Foundation
import Testing

/// The JSON report validates against Schemas/report.schema.json (with Python's `jsonschema`:
/// no Swift JSON Schema validator is available here).
@Suite struct JSONReportSchemaTests {
    @Test(arguments: ["Samples", ReportRun.injectionFixture])
    func theJSONReportConformsToItsSchema(path: String) throws {
        let run = try ReportRun.render([path], ext: "json", name: "schema\(path.count)")
        let file = try TestPaths.scratch("schemainput").appendingPathComponent("report.json")
        try Data(run.text.utf8).write(to: file)
        let schema = TestPaths.schemas.appendingPathComponent("report.schema.json").path
        let script = """
            import json, sys, jsonschema
            schema = json.load(open(sys.argv[1], encoding="utf-8"))
            jsonschema.Draft202012Validator.check_schema(schema)
            errors = sorted(jsonschema.Draft202012Validator(schema).iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))), key=str)
            for error in errors: print(list(error.absolute_path), error.message)
            sys.exit(1 if errors else 0)
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script, schema, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "report.json does not conform (python3 -m pip install jsonschema if missing): \(output)")
    }
}
