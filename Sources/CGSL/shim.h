#ifndef SCALING_LAWS_CGSL_SHIM_H
#define SCALING_LAWS_CGSL_SHIM_H

#include <gsl/gsl_errno.h>
#include <gsl/gsl_vector.h>
#include <gsl/gsl_matrix.h>
#include <gsl/gsl_blas.h>
#include <gsl/gsl_multifit_nlinear.h>
#include <gsl/gsl_multimin.h>
#include <gsl/gsl_cdf.h>

/* GSL exposes its method tables as mutable globals; Swift 6 rejects reading them
   directly, so every table is read through one of these accessors. */

static inline const gsl_multifit_nlinear_type *cgsl_nlinear_trust(void) { return gsl_multifit_nlinear_trust; }

static inline const gsl_multifit_nlinear_trs *cgsl_trs_lm(void) { return gsl_multifit_nlinear_trs_lm; }
static inline const gsl_multifit_nlinear_trs *cgsl_trs_lmaccel(void) { return gsl_multifit_nlinear_trs_lmaccel; }
static inline const gsl_multifit_nlinear_trs *cgsl_trs_dogleg(void) { return gsl_multifit_nlinear_trs_dogleg; }
static inline const gsl_multifit_nlinear_trs *cgsl_trs_ddogleg(void) { return gsl_multifit_nlinear_trs_ddogleg; }
static inline const gsl_multifit_nlinear_trs *cgsl_trs_subspace2D(void) { return gsl_multifit_nlinear_trs_subspace2D; }

static inline const gsl_multifit_nlinear_scale *cgsl_scale_more(void) { return gsl_multifit_nlinear_scale_more; }
static inline const gsl_multifit_nlinear_scale *cgsl_scale_levenberg(void) { return gsl_multifit_nlinear_scale_levenberg; }
static inline const gsl_multifit_nlinear_scale *cgsl_scale_marquardt(void) { return gsl_multifit_nlinear_scale_marquardt; }

static inline const gsl_multifit_nlinear_solver *cgsl_solver_qr(void) { return gsl_multifit_nlinear_solver_qr; }
static inline const gsl_multifit_nlinear_solver *cgsl_solver_cholesky(void) { return gsl_multifit_nlinear_solver_cholesky; }
static inline const gsl_multifit_nlinear_solver *cgsl_solver_svd(void) { return gsl_multifit_nlinear_solver_svd; }

static inline const gsl_multimin_fdfminimizer_type *cgsl_multimin_bfgs2(void) { return gsl_multimin_fdfminimizer_vector_bfgs2; }
static inline const gsl_multimin_fminimizer_type *cgsl_multimin_nmsimplex2(void) { return gsl_multimin_fminimizer_nmsimplex2; }

#endif
