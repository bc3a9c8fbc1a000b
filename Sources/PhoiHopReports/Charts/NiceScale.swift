/// An axis from 0 to a round maximum in steps of 1, 2 or 5 times a power of ten, at most five
/// steps: a largest value of 37 gives 0, 10, 20, 30, 40.
struct NiceScale: Equatable, Sendable {
    let step: Int
    let maximum: Int

    init(largestValue: Int) {
        let largest = max(largestValue, 1)
        var magnitude = 1
        while true {
            for multiple in [1, 2, 5] {
                let step = multiple * magnitude
                let steps = (largest + step - 1) / step
                if steps <= 5 {
                    self.step = step
                    self.maximum = steps * step
                    return
                }
            }
            magnitude *= 10
        }
    }

    /// Every tick from 0 to ``maximum`` inclusive.
    var ticks: [Int] { Array(stride(from: 0, through: maximum, by: step)) }

    /// Where `value` falls between 0 and 1 along the axis.
    func fraction(_ value: Int) -> Double { Double(value) / Double(maximum) }
}
