import Foundation

/// A thread of its own that owns one resource (a C library handle) and runs blocking calls on it in order.
///
/// libcups and plain sockets block; on the Swift concurrency pool (one thread per core, two here) a call
/// waiting for a printer would stall every other task, the screen included. Calls come in as closures,
/// run one at a time on this thread and resume the caller when done. The resource is created and released
/// on the thread, so a handle that is not thread-safe is only ever touched by one thread.
final class DeviceThread<Resource>: @unchecked Sendable {
    // @unchecked: the queue and the stop flag are only touched under `condition`; the resource never leaves the thread.
    private final class Queue: @unchecked Sendable {
        let condition = NSCondition()
        var work: [(Resource) -> Void] = []
        var stopping = false
    }

    private let queue = Queue()

    /// Starts the thread; `make` builds the resource on it.
    init(name: String, make: @escaping @Sendable () -> Resource) {
        let queue = self.queue
        let thread = Thread {
            var resource: Resource? = make()
            while true {
                queue.condition.lock()
                while queue.work.isEmpty, !queue.stopping { queue.condition.wait() }
                guard !queue.work.isEmpty else {
                    queue.condition.unlock()
                    break
                }
                let next = queue.work.removeFirst()
                queue.condition.unlock()
                next(resource!)
            }
            // Released here, on the thread that used it.
            resource = nil
        }
        thread.name = name
        thread.start()
    }

    deinit {
        // Work already queued still runs, then the thread releases the resource and ends.
        queue.condition.lock()
        queue.stopping = true
        queue.condition.signal()
        queue.condition.unlock()
    }

    /// Runs `body` on the thread and returns its result; the calling task suspends meanwhile.
    func run<T: Sendable, E: Error>(_ body: @escaping @Sendable (Resource) throws(E) -> T) async throws(E) -> T {
        let result: Result<T, E> = await withCheckedContinuation { continuation in
            queue.condition.lock()
            queue.work.append { resource in
                do throws(E) {
                    continuation.resume(returning: .success(try body(resource)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            queue.condition.signal()
            queue.condition.unlock()
        }
        return try result.get()
    }
}
