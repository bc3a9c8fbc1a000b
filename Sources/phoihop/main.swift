import ArgumentParser
import Foundation
import PhoiHopConsole

// Thin: ArgumentParser does the work; a refused act prints the daemon's reason and exits 1.
do {
    var command = try PhoihopCommand.parseAsRoot()
    try command.run()
} catch let failure as ConsoleFailure {
    FileHandle.standardError.write(Data("lỗi: \(failure.description)\n".utf8))
    exit(1)
} catch {
    PhoihopCommand.exit(withError: error)
}
