import Foundation
import ScalingLaws

/// The Chinchilla runs digitised by Epoch AI (Besiroglu et al. 2024, arXiv:2404.10102, from
/// Hoffmann et al. 2022's Figure 4): `epoch_chinchilla/chinchilla_N_D_loss.csv`.
public enum EpochChinchillaData {
    /// The file, relative to the shared `datasets/` folder.
    public static let relativePath = "epoch_chinchilla/chinchilla_N_D_loss.csv"

    /// The 240 rows left after dropping the 5 highest losses (Epoch's convention), with columns
    /// `N` (parameters), `D` (tokens, `C/(6N)`) and `loss` (nats/token).
    ///
    /// - Throws: ``NotebookError/missingData(needs:searched:)`` without the shared data, and the
    ///   library's data errors naming file, line and column.
    public static func load() throws -> Dataset {
        let url = try SharedData.locate(relativePath)
        let table = try CSVTable.read(contentsOf: url)
        let roles = try ColumnRoleResolver().resolve(["N", "D", "loss"], in: table)
        return try roles.dataset(from: table).filtered(by: .dropHighest(column: "loss", count: 5))
    }
}
