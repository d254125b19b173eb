import { Component, type ReactNode } from 'react';

/**
 * Keeps a failing chart (its chunk did not load, or it threw) from taking the page down: the chart is only an
 * illustration of the table beside it, so without it nothing is lost.
 */
export class ChartBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render() {
    return this.state.failed ? null : this.props.children;
  }
}
