/**
 * The part of markdown-it's API the registry uses (the package ships no types and @types/markdown-it is
 * not installed): render Markdown, and override the heading renderer to give headings their anchors.
 */
declare module 'markdown-it' {
  interface Token { tag: string; type: string; content: string; attrSet(name: string, value: string): void }
  type RenderRule = (tokens: Token[], idx: number, options: unknown, env: unknown, self: Renderer) => string;
  interface Renderer { rules: Record<string, RenderRule | undefined>; renderToken(tokens: Token[], idx: number, options: unknown): string }
  class MarkdownIt {
    constructor(options?: { html?: boolean; linkify?: boolean; typographer?: boolean });
    renderer: Renderer;
    render(markdown: string): string;
  }
  export default MarkdownIt;
}
