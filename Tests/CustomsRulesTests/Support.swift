import CustomsCore
import CustomsTestSupport
import Foundation

/// Code lists of the package's own `Schemas/`, loaded once for every test of the suite.
let codeLists: CodeLists = try! CodeLists(directory: TestPaths.schemas)
