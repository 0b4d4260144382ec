// opencc-js's own typings import './core' without an extension, which
// NodeNext resolution cannot follow, so every use would be typed as an error.
// These are the two entry points this project uses, as they behave.
declare module 'opencc-js/t2cn' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
declare module 'opencc-js/cn2t' {
  export function Converter(options: { from: string; to: string }): (text: string) => string;
}
