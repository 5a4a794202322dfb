import Foundation
import ScalingLaws
import TestSupport
import Testing

@testable import Forecast

/// Marin's iso-FLOP sweeps of three datasets (the shared dataset `marin_isoflops_2026/isoflops.csv`):
/// the compute ratios of comma and dclm against nemotron, pinned to an independent numpy/scipy
/// fit of the same objective (the script below; its output after it).
@Suite("compare-recipes on Marin's sweeps")
struct MarinRecipeTests {
    static var url: URL? { RepositoryPaths.sharedDataset("marin_isoflops_2026/isoflops.csv") }

    static func recipes() throws -> [RecipeRuns] {
        let table = try CSVTable.read(contentsOf: try #require(url))
        let dataset = try table.columnIndex(named: "dataset")
        let columns = try ["params", "tokens", "loss", "budget"].map { try table.columnIndex(named: $0) }
        var order: [String] = []
        var values: [String: [[Double]]] = [:]
        for row in table.rows {
            if values[row[dataset]] == nil { order.append(row[dataset]); values[row[dataset]] = [[], [], [], []] }
            for j in 0..<4 { values[row[dataset]]?[j].append(try #require(Double(row[columns[j]]))) }
        }
        return try order.map { key in
            let v = try #require(values[key])
            return RecipeRuns(label: key, parameters: v[0], tokens: v[1], loss: v[2], budgets: v[3])
        }
    }

    // The independent check (python3 check.py beside the Marin file, numpy 2.4.6, scipy 1.17.1):
    //
    // # Independent check of compare-recipes on Marin's iso-FLOP sweeps (numpy/scipy, not the Swift code):
    // # log-space Huber (delta 1e-3) fit of L = E + A/N^a + B/D^b, LSE form, L-BFGS-B with an exact
    // # gradient from a grid of starts; separate per dataset and with (alpha, beta) shared; then the
    // # compute ratio k with L*_r(k C) = L*_nemotron(C) (C = 6ND, Hoffmann et al. eq. 4).
    // import csv, numpy as np, itertools
    // from scipy.optimize import minimize, brentq
    // rows=list(csv.DictReader(open('isoflops.csv')))
    // names=['comma','dclm','nemotron']
    // data={k:np.array([[float(r['params']),float(r['tokens']),float(r['loss'])] for r in rows if r['dataset']==k]) for k in names}
    // d=1e-3
    // def hub(r): a=np.abs(r); return np.where(a<=d,0.5*r*r,d*(a-0.5*d)), np.where(a<=d,r,d*np.sign(r))
    // def parts(th,N,D,L):
    //     e,a,b,al,be=th
    //     t=np.stack([a-al*np.log(N),b-be*np.log(D),e*np.ones_like(N)]); m=t.max(0); w=np.exp(t-m); s=w.sum(0)
    //     pred=m+np.log(s); w=w/s
    //     f,g=hub(pred-np.log(L))
    //     J=np.stack([w[2],w[0],w[1],-np.log(N)*w[0],-np.log(D)*w[1]])
    //     return f.sum(), J@g
    // def joint(x,shared):
    //     # x: per recipe [e,a,b] (+[al,be] if not shared), then shared [al,be]
    //     tot=0; grad=np.zeros_like(x)
    //     for i,k in enumerate(names):
    //         if shared: idx=[3*i,3*i+1,3*i+2,9,10]
    //         else: idx=[5*i+j for j in range(5)]
    //         f,g=parts(x[idx],*data[k].T); tot+=f; np.add.at(grad,idx,g)
    //     return tot,grad
    // def best(fun,starts):
    //     b=None
    //     for s in starts:
    //         r=minimize(fun,s,jac=True,method='L-BFGS-B',options={'ftol':1e-15,'gtol':1e-12,'maxiter':5000})
    //         if b is None or r.fun<b.fun: b=r
    //     return b
    // grid=list(itertools.product([0,1],[6,12],[6,12],[0.3,0.7],[0.3,0.7]))
    // sep={k:best(lambda th: parts(th,*data[k].T), grid).x for k in names}
    // shs=[]
    // for al,be in [(0.3,0.3),(0.65,0.4),(0.5,0.5),(1,0.4)]:
    //     shs.append(np.concatenate([np.concatenate([sep[k][:3] for k in names]),[al,be]]))
    // sh=best(lambda x: joint(x,True), shs).x
    // def consts(th): e,a,b,al,be=th; return np.exp(e),np.exp(a),np.exp(b),al,be
    // def lopt(c,C):
    //     E,A,B,al,be=c; G=(al*A/(be*B))**(1/(al+be)); n=G*(C/6)**(be/(al+be)); dd=C/6/n
    //     return E+A/n**al+B/dd**be
    // models={'separate':{k:consts(sep[k]) for k in names},
    //         'shared-exponents':{k:consts(np.concatenate([sh[3*i:3*i+3],sh[9:11]])) for i,k in enumerate(names)}}
    // for m,c in models.items():
    //     for k in names: print(m,k,'E A B alpha beta =',' '.join('%.6g'%v for v in c[k]))
    //     for C in [3e19,3e20,3e21]:
    //         t=lopt(c['nemotron'],C)
    //         for k in ['comma','dclm']:
    //             f=lambda u: lopt(c[k],C*np.exp(u))-t
    //             k_=np.exp(brentq(f,-46,46,xtol=1e-12)) if f(46)<0 else float('inf')
    //             print(m,k,'%g'%C,'k = %.5g'%k_)
    //
    // Its output:
    //
    //     separate comma E A B alpha beta = 2.70093 216045 1393.16 0.665783 0.349911
    //     separate dclm E A B alpha beta = 2.58796 347108 4082.87 0.685817 0.404819
    //     separate nemotron E A B alpha beta = 2.52024 143077 3798.25 0.639252 0.400373
    //     separate comma 3e+19 k = 3.9703
    //     separate dclm 3e+19 k = 1.2242
    //     separate comma 3e+20 k = 15.905
    //     separate dclm 3e+20 k = 1.5494
    //     separate comma 3e+21 k = 735.96
    //     separate dclm 3e+21 k = 2.6623
    //     shared-exponents comma E A B alpha beta = 2.76089 168758 3198.5 0.65304 0.392691
    //     shared-exponents dclm E A B alpha beta = 2.56562 184936 3200.31 0.65304 0.392691
    //     shared-exponents nemotron E A B alpha beta = 2.51827 185190 3253.68 0.65304 0.392691
    //     shared-exponents comma 3e+19 k = 4.1175
    //     shared-exponents dclm 3e+19 k = 1.2495
    //     shared-exponents comma 3e+20 k = 26.22
    //     shared-exponents dclm 3e+20 k = 1.5492
    //     shared-exponents comma 3e+21 k = inf
    //     shared-exponents dclm 3e+21 k = 2.3296
    static let scipy: [(RecipeSharing, String, Double, Double)] = [
        (.separate, "comma", 3e19, 3.9703), (.separate, "comma", 3e20, 15.905), (.separate, "comma", 3e21, 735.96),
        (.separate, "dclm", 3e19, 1.2242), (.separate, "dclm", 3e20, 1.5494), (.separate, "dclm", 3e21, 2.6623),
        (.sharedExponents, "comma", 3e19, 4.1175), (.sharedExponents, "comma", 3e20, 26.22),
        (.sharedExponents, "comma", 3e21, .infinity),
        (.sharedExponents, "dclm", 3e19, 1.2495), (.sharedExponents, "dclm", 3e20, 1.5492), (.sharedExponents, "dclm", 3e21, 2.3296),
    ]

    @Test("separate and shared-exponent fits: k of comma and dclm against nemotron at 3e19, 3e20, 3e21 match scipy to 0.1%",
          .enabled(if: url != nil, "needs ../shared/datasets/marin_isoflops_2026/isoflops.csv"))
    func pinnedRatios() throws {
        var options = RecipeComparisonOptions()
        options.sharings = [.separate, .sharedExponents]
        options.budgets = [3e19, 3e20, 3e21]
        options.resamples = 0
        options.folds = 0
        options.approach2 = false
        let comparison = try RecipeComparison.run(try Self.recipes(), baseline: "nemotron", options: options, source: "isoflops.csv", by: "dataset")
        for (sharing, recipe, budget, expected) in Self.scipy {
            let model = try #require(comparison.models.first { $0.model == .law(sharing) })
            let ratio = try #require(model.multipliers.first { $0.recipe == recipe && $0.budget == budget }?.ratio)
            if expected.isInfinite {
                #expect(ratio.isInfinite, "\(sharing) \(recipe) \(budget): \(ratio)")
            } else {
                #expect(abs(ratio / expected - 1) < 1e-3, "\(sharing) \(recipe) \(budget): \(ratio), scipy \(expected)")
            }
        }
        // The shared exponents, as scipy found them.
        let shared = try #require(comparison.models.first { $0.model == .law(.sharedExponents) })
        guard case let .chinchilla(p) = shared.frontiers[0] else { Issue.record("not a Chinchilla frontier"); return }
        #expect(abs(p.alpha - 0.65304) < 2e-4 && abs(p.beta - 0.392691) < 2e-4, "\(p)")
    }
}
