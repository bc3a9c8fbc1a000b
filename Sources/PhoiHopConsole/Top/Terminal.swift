import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The few VT100/ANSI controls `phoihop top` needs, with no curses library (Debian has no Swift
/// binding for one, and every terminal an officer reaches over SSH understands these): raw key
/// input through termios, the alternate screen, a hidden cursor, absolute moves, reverse video,
/// the size from `TIOCGWINSZ` and `SIGWINCH`.
///
/// The terminal is put back as it was — main screen, cursor shown, line editing and echo on —
/// by ``leave()`` (on q, Ctrl-C, and on an error, from the caller's `defer`) and by the handler
/// of SIGTERM, SIGINT, SIGHUP and SIGQUIT, which restores it before the process exits.
enum Terminal {
    /// What woke ``waitForInput(timeoutMilliseconds:)``.
    enum Input: Equatable {
        case keys([UInt8])
        case resized
        case timedOut
        /// Standard input closed (the SSH session went away): leave.
        case closed
    }

    /// Whether both standard input and standard output are terminals: what the live view needs.
    static var isInteractive: Bool { isatty(STDIN_FILENO) != 0 && isatty(STDOUT_FILENO) != 0 }

    /// Columns and rows of the terminal on standard output, or nil when it is not a terminal.
    static func size() -> (width: Int, height: Int)? {
        var size = winsize()
        guard ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0, size.ws_row > 0 else { return nil }
        return (Int(size.ws_col), Int(size.ws_row))
    }

    /// Raw input (no echo, no line editing, Ctrl-C read as a key), the alternate screen, the
    /// cursor hidden; installs the signal handlers that undo it. Throws when standard input is
    /// not a terminal whose mode can be set.
    static func enter() throws {
        var attributes = termios()
        guard tcgetattr(STDIN_FILENO, &attributes) == 0 else {
            throw ConsoleFailure("không đặt được chế độ cho thiết bị đầu cuối (tcgetattr: \(String(cString: strerror(errno))))")
        }
        savedAttributes = attributes
        attributes.c_lflag &= ~tcflag_t(ECHO | ICANON | IEXTEN | ISIG)
        attributes.c_iflag &= ~tcflag_t(IXON | ICRNL | BRKINT | INPCK | ISTRIP)
        withUnsafeMutableBytes(of: &attributes.c_cc) { cc in
            cc[Int(VMIN)] = 1
            cc[Int(VTIME)] = 0
        }
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw ConsoleFailure("không tạo được ống báo đổi kích thước (pipe: \(String(cString: strerror(errno))))") }
        for fd in fds { _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK) }
        resizeRead = fds[0]
        resizeWrite = fds[1]
        for signo in [SIGTERM, SIGINT, SIGHUP, SIGQUIT] { signal(signo, restoreAndExit) }
        signal(SIGWINCH, noteResize)
        guard tcsetattr(STDIN_FILENO, TCSAFLUSH, &attributes) == 0 else {
            throw ConsoleFailure("không đặt được chế độ cho thiết bị đầu cuối (tcsetattr: \(String(cString: strerror(errno))))")
        }
        isRaw = true
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    /// Puts the terminal back as ``enter()`` found it. Safe to call more than once.
    static func leave() {
        guard isRaw else { return }
        isRaw = false
        write(restoreSequence.description)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedAttributes)
        for signo in [SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGWINCH] { signal(signo, SIG_DFL) }
        close(resizeRead); close(resizeWrite)
        resizeRead = -1; resizeWrite = -1
    }

    /// Waits up to `timeoutMilliseconds` for a key, a resize, or standard input closing.
    static func waitForInput(timeoutMilliseconds: Int32) -> Input {
        var fds = [pollfd(fd: STDIN_FILENO, events: Int16(POLLIN), revents: 0), pollfd(fd: resizeRead, events: Int16(POLLIN), revents: 0)]
        let ready = poll(&fds, nfds_t(fds.count), max(0, timeoutMilliseconds))
        if ready < 0 { return errno == EINTR ? .resized : .timedOut }
        if ready == 0 { return .timedOut }
        if fds[1].revents & Int16(POLLIN) != 0 {
            var drain = [UInt8](repeating: 0, count: 64)
            while read(resizeRead, &drain, drain.count) > 0 {}
            return .resized
        }
        var buffer = [UInt8](repeating: 0, count: 64)
        let count = read(STDIN_FILENO, &buffer, buffer.count)
        if count <= 0 { return count < 0 && errno == EINTR ? .timedOut : .closed }
        return .keys(Array(buffer.prefix(count)))
    }

    /// Paints `lines` over the whole screen: each row addressed absolutely and cleared to its
    /// end, titles in reverse video across the full width, rows below the frame blank.
    static func draw(_ lines: [TopScreen.Line], width: Int, height: Int) {
        var out = "\u{1B}[H"
        for row in 0..<height {
            out += "\u{1B}[\(row + 1);1H"
            if row < lines.count {
                let line = lines[row]
                switch line.style {
                case .plain: out += line.text
                case .title: out += "\u{1B}[7m" + line.text + String(repeating: " ", count: max(0, width - line.text.count))
                case .header: out += "\u{1B}[1m" + line.text
                case .alert: out += "\u{1B}[1;31m" + line.text
                }
                out += "\u{1B}[0m"
            }
            // Not on a full-width row: erasing there would take the last character with it.
            if row >= lines.count || lines[row].text.count < width { out += "\u{1B}[K" }
        }
        write(out)
    }

    static func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

// The signal handlers' state. nonisolated(unsafe): the main thread writes `savedAttributes`
// and the pipe's ends in `Terminal.enter()` before it installs the handlers, and closes the pipe
// in `leave()` only after removing them; a handler (on whichever thread the signal lands) only
// reads. `isRaw` is cleared by `leave()` first, so at worst a signal racing it restores twice.
nonisolated(unsafe) private var savedAttributes = termios()
nonisolated(unsafe) private var isRaw = false
nonisolated(unsafe) private var resizeRead: Int32 = -1
nonisolated(unsafe) private var resizeWrite: Int32 = -1

/// Reset attributes, show the cursor, back to the main screen. A StaticString: the signal
/// handler writes it without allocating.
private let restoreSequence: StaticString = "\u{1B}[0m\u{1B}[?25h\u{1B}[?1049l"

/// SIGTERM, SIGINT, SIGHUP, SIGQUIT: restore the terminal with async-signal-safe calls only
/// (write, tcsetattr, _exit), then exit with 128 + the signal's number, as a shell reports it.
private func restoreAndExit(_ signo: Int32) {
    if isRaw {
        _ = Glibc.write(STDOUT_FILENO, restoreSequence.utf8Start, restoreSequence.utf8CodeUnitCount)
        _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &savedAttributes)
    }
    _exit(128 + signo)
}

/// SIGWINCH: wake the main loop through its pipe; it asks the new size and redraws.
private func noteResize(_: Int32) {
    var byte: UInt8 = 1
    _ = Glibc.write(resizeWrite, &byte, 1)
}
