// See vendor/absent/README.md: remark-docx imports this package only from a plugin that ogp-pack never loads.
throw new Error('ogp-pack does not install this package: remark-docx needs it only for a plugin that ogp-pack does not use');
