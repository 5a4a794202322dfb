// Reports module: renderers for fits, forecasts and plots.
