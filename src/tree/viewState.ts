import * as vscode from 'vscode';
import { GroupBy, NO_FILTER, TaskFilter, formatFilter, isFilterEmpty } from '../core/taskView';
import { CONTEXT_KEYS } from '../ids';
import { setContext } from '../platform/contextKeys';

const GROUP_BY_KEY = 'mjTasks.view.groupBy';
const FAMILY_TREE_KEY = 'mjTasks.view.familyTree';

/**
 * How the user chose to look at the list. Grouping is remembered across sessions; a filter is
 * a passing question and lasts for the session only.
 */
export class ViewState implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private filterValue: TaskFilter = NO_FILTER;

  constructor(private readonly memento: vscode.Memento) {
    this.updateContext();
  }

  get groupBy(): GroupBy {
    const v = this.memento.get<string>(GROUP_BY_KEY);
    return v === 'status' || v === 'provider' ? v : 'none';
  }

  async setGroupBy(value: GroupBy): Promise<void> {
    await this.memento.update(GROUP_BY_KEY, value);
    this.updateContext();
    this.changed.fire();
  }

  /** Tasks made from others nest under them (the default), or every task stands on its own. */
  get familyTree(): boolean {
    return this.memento.get<boolean>(FAMILY_TREE_KEY) !== false;
  }

  async setFamilyTree(value: boolean): Promise<void> {
    await this.memento.update(FAMILY_TREE_KEY, value);
    this.updateContext();
    this.changed.fire();
  }

  get filter(): TaskFilter {
    return this.filterValue;
  }

  setFilter(value: TaskFilter): void {
    this.filterValue = value;
    this.updateContext();
    this.changed.fire();
  }

  describeFilter(): string | undefined {
    return isFilterEmpty(this.filterValue) ? undefined : formatFilter(this.filterValue);
  }

  private updateContext(): void {
    setContext(CONTEXT_KEYS.groupBy, this.groupBy);
    setContext(CONTEXT_KEYS.filtered, !isFilterEmpty(this.filterValue));
    setContext(CONTEXT_KEYS.familyTree, this.familyTree);
  }

  dispose(): void {
    this.changed.dispose();
  }
}
