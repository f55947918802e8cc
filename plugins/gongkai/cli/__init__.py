"""The command line for editors and ops: `gongkai check`, `new`, `diff`, `import` and `build`."""
