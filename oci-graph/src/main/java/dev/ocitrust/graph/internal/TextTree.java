package dev.ocitrust.graph.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** A tree of labels printed with box-drawing connectors, as {@code oras discover -o tree} does. */
final class TextTree {
  private final String label;
  private final List<TextTree> children = new ArrayList<>();

  TextTree(String label) {
    this.label = label;
  }

  /** Adds a child labelled {@code label}. */
  TextTree add(String label) {
    TextTree child = new TextTree(label);
    children.add(child);
    return child;
  }

  /** The child labelled {@code label}, added when there is none (oras's {@code AddPath}). */
  TextTree path(String label) {
    for (TextTree c : children) {
      if (c.label.equals(label)) {
        return c;
      }
    }
    return add(label);
  }

  void print(Appendable out) throws IOException {
    out.append(label).append('\n');
    printChildren(out, "");
  }

  private void printChildren(Appendable out, String prefix) throws IOException {
    for (int i = 0; i < children.size(); i++) {
      boolean last = i == children.size() - 1;
      TextTree c = children.get(i);
      out.append(prefix).append(last ? "└── " : "├── ").append(c.label).append('\n');
      c.printChildren(out, prefix + (last ? "    " : "│   "));
    }
  }
}
