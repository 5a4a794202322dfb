#ifndef SCALING_LAWS_CLAPACKE_SHIM_H
#define SCALING_LAWS_CLAPACKE_SHIM_H

#include <lapacke.h>

#endif
