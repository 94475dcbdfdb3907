import { Input, Typography } from 'antd';
import { forwardRef, useEffect, useState, type InputHTMLAttributes } from 'react';
import type { InputRef } from 'antd';
import { dong, parseAmount, words } from './money';

interface Props {
  value?: number | null;
  onChange?: (value: number | null) => void;
  id?: string;
  placeholder?: string;
  /** Show the amount in words under the field. */
  showWords?: boolean;
  status?: 'error' | '';
  onKeyDown?: InputHTMLAttributes<HTMLInputElement>['onKeyDown'];
  'aria-label'?: string;
}

/**
 * An amount of đồng typed as text: shows thousand separators once the field is left, accepts
 * shorthands ("500k", "1,5tr") and shows the amount in words as it is typed.
 */
export const MoneyInput = forwardRef<InputRef, Props>(function MoneyInput({ value, onChange, showWords = true, ...rest }, ref) {
  const [text, setText] = useState(value === null || value === undefined ? '' : dong(value));
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    if (!focused) setText(value === null || value === undefined ? '' : dong(value));
  }, [value, focused]);
  const parsed = parseAmount(text);
  return (
    <div>
      <Input
        {...rest}
        ref={ref}
        inputMode="numeric"
        autoComplete="off"
        value={text}
        suffix="đ"
        onFocus={(e) => {
          setFocused(true);
          // Typing over a prefilled amount replaces it, as in a spreadsheet cell.
          e.target.select();
        }}
        onBlur={() => {
          setFocused(false);
          setText(parsed === null ? text : dong(parsed));
        }}
        onChange={(e) => {
          setText(e.target.value);
          onChange?.(parseAmount(e.target.value));
        }}
      />
      {showWords && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }} className="kc-wrap" data-testid="amount-words">
          {words(parsed)}
        </Typography.Text>
      )}
    </div>
  );
});
