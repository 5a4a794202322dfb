import Foundation
import ScalingLaws
import Testing
import TestSupport

/// The Epoch AI Chinchilla data (Besiroglu et al. 2024, arXiv:2404.10102, digitised from
/// Hoffmann et al.'s Figure 4) and the published "replicate exactly" optimum, shared by the
/// tests that reproduce it.
enum EpochChinchilla {
    /// The 240 rows left after dropping the 5 highest losses (Epoch's convention).
    static func data() throws -> Dataset {
        guard let url = RepositoryPaths.sharedDataset("epoch_chinchilla/chinchilla_N_D_loss.csv") else {
            throw DataError.noSuchFile(path: "epoch_chinchilla/chinchilla_N_D_loss.csv")
        }
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        return try roles.dataset(from: table).filtered(by: .dropHighest(column: "loss", count: 5))
    }

    /// Published values (Besiroglu et al. 2024; laws.md §3).
    static let published = (a: 477.84, b: 2143.86, e: 1.8172, alpha: 0.34731, beta: 0.36718, objective: 1.0183e-3)

    /// Checks a fit against the published optimum: E, α, β within 0.2%, log A and log B within
    /// 0.01 (B is weakly identified), objective within 0.1%.
    static func check(_ fit: LawFit) throws {
        let p = published
        let e = try #require(fit.value("E"))
        let a = try #require(fit.value("A"))
        let b = try #require(fit.value("B"))
        let alpha = try #require(fit.value("alpha"))
        let beta = try #require(fit.value("beta"))
        #expect(isClose(e, p.e, rel: 0.002), "E = \(e)")
        #expect(isClose(alpha, p.alpha, rel: 0.002), "alpha = \(alpha)")
        #expect(isClose(beta, p.beta, rel: 0.002), "beta = \(beta)")
        #expect(abs(log(a) - log(p.a)) <= 0.01, "log A = \(log(a)) vs \(log(p.a))")
        #expect(abs(log(b) - log(p.b)) <= 0.01, "log B = \(log(b)) vs \(log(p.b))")
        #expect(isClose(fit.statistics.objective, p.objective, rel: 0.001), "objective = \(fit.statistics.objective)")
    }
}
