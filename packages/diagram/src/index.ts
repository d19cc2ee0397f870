export { stackGraph, type GraphEdge, type GraphNode, type NodeKind, type StackGraph } from './graph';
export { renderMermaid, renderPage } from './mermaid';
export { DIAGRAM_SOURCE, diagramPages } from './pages';
